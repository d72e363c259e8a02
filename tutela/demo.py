"""The demo programme: two years of an invented international police-training programme.

`tutela demo` calls `load_demo()`. Everything comes from one seeded `random.Random` and is dated
from the fixed programme start (2025-01-01); only what depends on the calendar — which activities
are completed, running, open or planned, which decisions and enrolments have happened yet — is
read against today's date, so two runs on the same day give identical data.

Every person is invented. Given names are name parts; family names are built from stems and
endings in each script, so no full name copies a real person's. Partners are real countries and
organisations, but their agencies, units, vetting decisions and officers are fictional, and every
adverse decision says so.

Rows are built in memory and written with `bulk_create`; every row gets the audit event its action
would have written, appended with `record_events` once per stage and actor inside the one
transaction of the load, so `tutela audit_verify` passes after the demo. Enrolments go through the
same vetting gate as `enrol_nominee`, evaluated as of the moment of enrolment.
"""

import datetime as dt
import itertools
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher, make_password
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tutela.accounts.models import Role, User
from tutela.activities.models import (
    Activity,
    ActivityStatus,
    Mode,
    SeatAllocation,
    SeatRequest,
)
from tutela.audit.actions import record_events
from tutela.audit.models import Event
from tutela.curriculum.demo import add_review_demo_data, reset_review_demo_data
from tutela.curriculum.models import (
    Course,
    CourseVersion,
    Module,
    Review,
    ReviewOutcome,
    Topic,
    VersionStatus,
)
from tutela.learning.demo import add_learning_records
from tutela.lib.apportionment import apportion
from tutela.lib.names import clean_name, name_key
from tutela.nominations.models import Enrolment, Gender, Nomination, NominationStatus, Officer
from tutela.partners.models import (
    Agency,
    AgencyKind,
    Agreement,
    AgreementDocument,
    Country,
    HostInstitution,
    Partner,
    PartnerKind,
    Unit,
)
from tutela.pledges.models import Pledge, Scope
from tutela.vetting.actions import default_valid_until
from tutela.vetting.demo import load_screening_demo
from tutela.vetting.gate import GateReport, _describe
from tutela.vetting.models import (
    Alert,
    Decision,
    ListedEntry,
    ListVersion,
    Outcome,
    RescreenRun,
    Watchlist,
)

# --- The programme's fixed frame --------------------------------------------------------------

SEED = 20250101
PROGRAMME_START = dt.date(2025, 1, 1)
PROGRAMME_END = dt.date(2026, 12, 31)
FORUM_DAY = dt.date(2024, 6, 20)  # the (fictional) forum where the pledge was announced
HOST_COUNTRY = "FR"
BASE_ACTIVITIES = 300  # in 2025–2026 at scale 1; nominations follow (about 20 per activity)
# Whatever today's date, the schedule reaches this far ahead (more thinly), so that the demo
# always has activities open for nominations and planned ones after the two programme years.
HORIZON_DAYS = 180
OPEN_DAYS = 75  # an activity opens for nominations this many days before it starts
UNMARKED_DAYS = 10  # completions of activities that ended this recently are not yet marked
OVERRIDES = 3  # enrolments by the secretariat head over a closed gate, with reasons
DEMO_HASH_ITERATIONS = 10_000  # for the printed demo passwords only; see _demo_password_hash

# --- Demo logins ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    first_name: str
    last_name: str
    what: str
    partner_code: str = ""  # ISO code of a liaison's country
    is_head: bool = False

    @property
    def password(self) -> str:
        """Fixed and printed: these accounts exist only in demo databases."""
        return f"{self.username}-demo-2026"


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin(
        "secretariat",
        Role.SECRETARIAT,
        "Claire",
        "Morvandel",
        "Secretariat officer: partners, courses, activities, seats, enrolment",
    ),
    DemoLogin(
        "head",
        Role.SECRETARIAT,
        "Étienne",
        "Vasselot",
        "Head of the secretariat: may override the vetting gate, with a reason",
        is_head=True,
    ),
    DemoLogin(
        "liaison-ke",
        Role.LIAISON,
        "Achieng",
        "Wanyoraki",
        "Partner liaison for Kenya: nominates Kenyan officers",
        partner_code="KE",
    ),
    DemoLogin(
        "liaison-pe",
        Role.LIAISON,
        "Lucía",
        "Huamantico",
        "Partner liaison for Peru: nominates Peruvian officers",
        partner_code="PE",
    ),
    DemoLogin(
        "analyst",
        Role.ANALYST,
        "Inès",
        "Valmorel",
        "Vetting analyst: decides on officers and units, reads restricted evidence",
    ),
    DemoLogin(
        "reviewer",
        Role.REVIEWER,
        "Margit",
        "Lindqvar",
        "Curriculum reviewer: approves course versions against the standards",
    ),
    DemoLogin(
        "director",
        Role.INSTRUCTOR,
        "Thierry",
        "Bouvrelle",
        "Course director of academy activities: marks completion",
    ),
    DemoLogin(
        "consultant",
        Role.CONSULTANT,
        "Pascal",
        "Guérinaud",
        "Consultant on mobile-team missions abroad",
    ),
    DemoLogin(
        "oversight",
        Role.OVERSIGHT,
        "Amara",
        "Delacombe",
        "Oversight body: reads everything but restricted evidence, checks the audit chain",
    ),
)

# Host staff without a login (unusable passwords): they direct activities, vet and review.
STAFF: tuple[tuple[str, str, str, str], ...] = (
    ("instructor-01", Role.INSTRUCTOR, "Maëlle", "Rivaudet"),
    ("instructor-02", Role.INSTRUCTOR, "Sandrine", "Kerhervan"),
    ("instructor-03", Role.INSTRUCTOR, "Yannick", "Lescaret"),
    ("instructor-04", Role.INSTRUCTOR, "Amélie", "Dorvanne"),
    ("instructor-05", Role.INSTRUCTOR, "Karim", "Benhassoun"),
    ("consultant-02", Role.CONSULTANT, "Nathalie", "Soubervie"),
    ("consultant-03", Role.CONSULTANT, "Olivier", "Maréchaud"),
    ("analyst-02", Role.ANALYST, "Hugo", "Castagnède"),
    ("analyst-03", Role.ANALYST, "Leïla", "Benamara-Roux"),
    ("reviewer-02", Role.REVIEWER, "Tomás", "Ilundain-Ferro"),
)


def logins_table() -> str:
    """The demo logins as a plain-text table (printed by `tutela demo --logins`)."""
    from tutela.lib.countries import all_countries

    names = {c.code: c.name for c in all_countries()}
    rows = [("username", "password", "role", "partner")]
    for login in DEMO_LOGINS:
        role = str(Role(login.role).label) + (" (head)" if login.is_head else "")
        partner = (
            f"{names[login.partner_code]} ({login.partner_code})" if login.partner_code else "-"
        )
        rows.append((login.username, login.password, role, partner))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


# --- Invented names ---------------------------------------------------------------------------

Part = tuple[str, str]  # (own script, Latin romanisation)


def _parts(spec: str) -> tuple[Part, ...]:
    """'native:latin …' or bare Latin words; '_' stands for a space, '-' for nothing."""
    parts: list[Part] = []
    for item in spec.split():
        if item == "-":
            parts.append(("", ""))
            continue
        native, _sep, latin = item.partition(":")
        parts.append((native.replace("_", " "), (latin or native).replace("_", " ")))
    return tuple(parts)


def _endings(spec: str) -> tuple[tuple[Part, Part], ...]:
    """Family-name endings as 'male/female' pairs; one form serves both."""
    pairs: list[tuple[Part, Part]] = []
    for item in spec.split():
        male, _sep, female = item.partition("/")
        m, f = _parts(male)[0], _parts(female or male)[0]
        pairs.append((m, f))
    return tuple(pairs)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class NameTable:
    """How one naming culture builds a full name, in its own script and in Latin letters.

    `pattern` tokens: G given name, P father's given name, M middle name (Vietnamese), F family
    name; a trailing ? makes the part optional. Family names are stem (+ mid) + ending."""

    script: str
    pattern: str
    given_m: tuple[Part, ...]
    given_f: tuple[Part, ...]
    family: tuple[Part, ...]
    endings: tuple[tuple[Part, Part], ...] = ((("", ""), ("", "")),)
    mid: tuple[Part, ...] = ()
    first_m: tuple[Part, ...] = ()  # compositional given names: first + next
    next_m: tuple[Part, ...] = ()
    first_f: tuple[Part, ...] = ()
    next_f: tuple[Part, ...] = ()
    compose: float = 0.0  # how often a given name is composed rather than taken whole
    middle_m: tuple[Part, ...] = ()
    middle_f: tuple[Part, ...] = ()
    joiner: str = " "  # between parts in the own script ("" for Han and Hangul)

    def _given(self, rng: random.Random, female: bool) -> Part:
        whole = self.given_f if female else self.given_m
        first = self.first_f if female else self.first_m
        nxt = self.next_f if female else self.next_m
        if first and (not whole or rng.random() < self.compose):
            a, b = rng.choice(first), rng.choice(nxt)
            return a[0] + b[0], _cap(a[1] + b[1])
        return rng.choice(whole)

    def _family(self, rng: random.Random, female: bool) -> Part:
        stem = rng.choice(self.family)
        mid = rng.choice(self.mid) if self.mid else ("", "")
        male_end, female_end = rng.choice(self.endings)
        end = female_end if female else male_end
        return stem[0] + mid[0] + end[0], _cap(stem[1] + mid[1] + end[1])

    def make(self, rng: random.Random, female: bool) -> Part:
        parts: list[Part] = []
        for token in self.pattern.split():
            if token.endswith("?"):
                if rng.random() < 0.55:
                    continue
                token = token[:-1]
            if token == "G":
                part = self._given(rng, female)
            elif token == "P":
                part = self._given(rng, False)
            elif token == "M":
                part = rng.choice(self.middle_f if female else self.middle_m)
            else:
                part = self._family(rng, female)
            if part not in parts:
                parts.append(part)
        return (self.joiner.join(p[0] for p in parts), " ".join(p[1] for p in parts))


NAME_TABLES: dict[str, NameTable] = {
    # Latin script (with diacritics) --------------------------------------------------------
    "es": NameTable(
        "Latin",
        "G G? F F",
        _parts(
            "Alejandro Andrés Carlos Diego Eduardo Fernando Gustavo Héctor Javier Jorge José "
            "Julián Luis Manuel Martín Óscar Pablo Raúl Ricardo Sebastián Tomás Víctor"
        ),
        _parts(
            "Adriana Ana Beatriz Camila Carolina Daniela Elena Gabriela Inés Isabel Julia "
            "Laura Lucía María Mariana Natalia Patricia Paula Rocío Sofía Valeria Ximena"
        ),
        _parts(
            "Alb Bar Cal Cerv Dom Esc Fig Gal Garr Hid Ib Lar Lozan Mend Nav Olm Pad Quir "
            "Rom Sal Sandov Tor Urr Val Villal Zam Arrib Bust Cabr Echev Huam Cusi"
        ),
        _endings(
            "ares ero illo ado eda ondo ález ízar uela aga ino ente ín ón era oza indo ía "
            "alde ueña án"
        ),
    ),
    "pt": NameTable(
        "Latin",
        "G G? F F?",
        _parts(
            "João Pedro Tiago André Rafael Gonçalo Luís Rui Paulo Marcelo Fábio Rodrigo "
            "Gustavo Vinícius Leandro Nuno Sérgio Amílcar Domingos Joaquim"
        ),
        _parts(
            "Ana Beatriz Inês Mariana Joana Carolina Luísa Fernanda Juliana Letícia Patrícia "
            "Raquel Sílvia Tânia Conceição Graça Esperança Filomena"
        ),
        _parts(
            "Alv Barr Carv Cost Ferr Gonç Lour Maci Mour Nasc Oliv Quint Ribeir Sant Teix "
            "Vasconc Azev Brit Cunh Tav"
        ),
        _endings("eira alho anho ão ado elos inho oso ares ina ães ento ete edo"),
    ),
    "fr": NameTable(
        "Latin",
        "G G? F",
        _parts(
            "Jean Pierre Jacques Michel Louis Marc Olivier Luc Émile Frantz Jean-Baptiste "
            "Ronald Wilner Réginald Ludovic"
        ),
        _parts(
            "Marie Anne Sophie Claire Nathalie Isabelle Élise Mireille Joséphine Nadège "
            "Fabienne Roseline Guerline Marie-Claude"
        ),
        _parts("Beau Bel Char Dor Duv Fl Gr Lam Lav Mar Pierr Roch St Val Vill Jol Del Mont"),
        _endings("ier eau ot ard elle in ais ette ent ille ouin ès erre ange al"),
    ),
    "wa": NameTable(
        "Latin",
        "G F",
        _parts(
            "Amadou Moussa Ibrahima Oumar Mamadou Seydou Abdoulaye Kwame Kofi Yaw Emeka "
            "Chinedu Oluwaseun Babatunde Ifeanyi Sékou Boubacar Issa Koffi Yao Désiré Serge "
            "Félix Emmanuel"
        ),
        _parts(
            "Aminata Fatoumata Mariam Aïssatou Awa Kadiatou Adjoa Akosua Abena Ngozi "
            "Chiamaka Folake Adaeze Funmilayo Hawa Rokia Salimata Bintou Clarisse Estelle"
        ),
        _parts("Ba Ko Ou Dia Sa Ke Ado Oke Nwa Ola Ade Ama Ye Bo Ka Mba Tou Sy Dem Fo"),
        _endings("ré ra ssa ndo koro gbe ye lo fo mé nga sso tey nkwo wole bayo dé ouma kou mba"),
    ),
    "sw": NameTable(
        "Latin",
        "G F",
        _parts(
            "Baraka Juma Hamisi Otieno Kamau Mwangi Kiprono Omondi Mugisha Habimana Wekesa "
            "Ochieng Mutua Salim Daudi Emmanuel Joseph Peter"
        ),
        _parts(
            "Achieng Wanjiru Njeri Amani Neema Rehema Zawadi Wairimu Auma Chebet Akinyi "
            "Mukami Uwase Grace Mercy Faith"
        ),
        _parts(
            "Ot Om Kam Mwang Kipr Ndung Nyamb Wek Mut Kar Och Odh Ngug Chel Hak Uwim Niyon Mak "
            "Bar Kib"
        ),
        _endings("ieno ondi au i ono u ura esa ua iru iba ole ieng iambo ana ema uki eri ito ama"),
    ),
    "za": NameTable(
        "Latin",
        "G F",
        _parts(
            "Sipho Thabo Themba Mandla Bongani Lwazi Tshepo Kagiso Tendai Tatenda Mthunzi "
            "Mpho Kabelo Johannes Pieter"
        ),
        _parts(
            "Nomvula Thandiwe Lindiwe Zanele Nokuthula Palesa Lerato Naledi Rutendo Chipo "
            "Tsitsi Refilwe Busisiwe"
        ),
        _parts("Dla Ndlo Mok Nko Khu Mas Sit Mat Mbe Ngc Mthe Mo Ze Chi Mu Ban Mak Phi Sho Tsh"),
        _endings(
            "mini vu oena si malo eko hole ebe ki obo mbu ngu fa kwa zi lela ane ri tlou bala"
        ),
    ),
    "vi": NameTable(
        "Latin",
        "F M G",
        _parts(
            "An Bình Cường Dũng Hải Hùng Khoa Long Nam Phúc Quân Sơn Tâm Thắng Tuấn Việt Hiếu Trung"
        ),
        _parts("Hoa Hương Lan Linh Mai Ngân Nhung Phương Thảo Trang Tuyết Vy Yến Hạnh Huyền"),
        _parts("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý"),
        middle_m=_parts("Văn Đức Minh Quang Hữu Thanh Công Xuân"),
        middle_f=_parts("Thị Ngọc Thu Thanh Kim Minh Hồng Bảo"),
    ),
    "ms": NameTable(
        "Latin",
        "G F",
        _parts(
            "Agus Budi Dedi Eko Hendra Irwan Joko Rizky Fajar Arif Ahmad Hafiz Faizal "
            "Syafiq Iskandar Wahyu Bayu"
        ),
        _parts(
            "Siti Dewi Sri Rina Putri Ayu Nurul Fitri Wulan Intan Aisyah Nadia Farah Aminah Rahayu"
        ),
        _parts("Setia Wijay Prat Kusum Hidaya Suhar Nugr Sant Rahm Hasib Pur Sud Hart Sap Ism"),
        _endings("wan aya ama oho oso ti at anto ono adi ah di ma yanto"),
    ),
    "fil": NameTable(
        "Latin",
        "G F",
        _parts("Jose Juan Mark Rodel Ramon Rogelio Arnel Jerome Christian Ariel Noel Reynaldo"),
        _parts(
            "Maria Ana Kristine Maricel Rowena Lorna Jocelyn Liza Mylene Angelica Rosalie Cherry"
        ),
        _parts("Mag Bat Mal Pan Lag Dal Tal Bag Cas Man Ram Ban"),
        _endings("umbay ungcay ilao anan abay isay uyo ino ales aga ano ayon"),
    ),
    "tr": NameTable(
        "Latin",
        "G F",
        _parts(
            "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim Murat Emre Burak Serkan Oğuz "
            "Kerem Cem Tolga Elvin Elçin Tural Orxan"
        ),
        _parts(
            "Ayşe Fatma Zeynep Elif Emine Hatice Merve Özlem Gül Şeyma Derya Selin Aysel "
            "Günel Leyla"
        ),
        _parts("Yıl Kaya Demir Çelik Şahin Yıldız Öz Ak Kara Er Gün Ay Tek Bal Koç Aslan"),
        _endings("maz oğlu kan türk can dağ soy han tepe er su taş kurt bay yol ok men lı göz baş"),
    ),
    "pl": NameTable(
        "Latin",
        "G F",
        _parts(
            "Piotr Krzysztof Tomasz Paweł Michał Marcin Łukasz Jakub Grzegorz Wojciech Mateusz Adam"
        ),
        _parts(
            "Anna Katarzyna Małgorzata Agnieszka Magdalena Joanna Monika Ewa Zofia "
            "Aleksandra Dorota Barbara"
        ),
        _parts(
            "Now Kowal Wiśn Wój Kamiń Lewand Zieliń Szym Woźn Dąbr Kozł Jank Mazur Krawcz "
            "Grab Pawł Sik Król"
        ),
        _endings("ski/ska cki/cka ak ek czyk owski/owska ewicz"),
    ),
    "ro": NameTable(
        "Latin",
        "G F",
        _parts(
            "Andrei Alexandru Mihai Ion Vasile Gheorghe Ștefan Florin Cristian Bogdan Radu "
            "Dorin Sergiu Victor"
        ),
        _parts(
            "Maria Elena Ioana Ana Andreea Mihaela Cristina Alina Irina Doina Nicoleta "
            "Raluca Ecaterina Tatiana"
        ),
        _parts(
            "Pop Ion Dumitr Stan Stoic Gheorgh Rus Munt Cioc Lup Bălan Dobr Nistor Cojoc "
            "Țur Vlad Rotar Cerb Sârb"
        ),
        _endings("escu ea an u ache eanu ică aru oiu ariu uț ici"),
    ),
    "hr": NameTable(
        "Latin",
        "G F",
        _parts(
            "Ivan Marko Luka Josip Ante Tomislav Mario Davor Dario Hrvoje Emir Adnan Edin "
            "Mirza Nikola Milan"
        ),
        _parts("Ana Marija Ivana Petra Maja Lejla Amra Selma Mirela Jelena Ivona Dragana Tea"),
        _parts(
            "Horv Kov Bab Mar Jur Nov Knež Vuk Pet Hod Beg Mehm Sal Has Del Rad Dur Tom Mat Jov"
        ),
        _endings("at ačević ić ović ević anić ečić alić žić inović čić ulić"),
    ),
    "en": NameTable(
        "Latin",
        "G F",
        _parts("Andre Marlon Dwayne Kevin Richard Michael Anthony Shane Ricardo Damion Keith Ryan"),
        _parts(
            "Shanice Keisha Tamara Sasha Alicia Natalie Kimberly Tricia Simone Camille "
            "Nadine Jodi-Ann"
        ),
        _parts("Camp Bla Thom Will Rob Fran Rich Gor Mor Hen Law Pal Wat Whit Stew Gra Ell"),
        _endings(
            "bell ckwood pson iams inson cis ards ell don gan ley rence mer ford son field "
            "art ham iott"
        ),
    ),
    "pac": NameTable(
        "Latin",
        "G F",
        _parts("Sione Viliami Semisi Tevita Iosefa Joeli Inoke Peni Sitiveni Kaliopa Manasa"),
        _parts("Losana Mele Ana Salote Litia Mereani Seini Ofa Lupe Vika Makereta"),
        _parts("Tui Fa Le Va Ta Mo Na Ra Ko Lo Se Ma Ka Tu"),
        _endings("lagi folau vaka tama suka niu toa fale makasi kula vou nai pou moana"),
    ),
    # Cyrillic ---------------------------------------------------------------------------------
    "ru": NameTable(
        "Cyrillic",
        "G F",
        _parts(
            "Алексей:Aleksey Дмитрий:Dmitriy Сергей:Sergey Андрей:Andrey Игорь:Igor "
            "Максим:Maksim Павел:Pavel Никита:Nikita Роман:Roman Олег:Oleg Кирилл:Kirill "
            "Тимур:Timur Руслан:Ruslan Евгений:Yevgeniy Михаил:Mikhail Антон:Anton "
            "Денис:Denis Илья:Ilya"
        ),
        _parts(
            "Анна:Anna Екатерина:Yekaterina Ольга:Olga Наталья:Natalya Ирина:Irina "
            "Светлана:Svetlana Юлия:Yuliya Татьяна:Tatyana Марина:Marina Дарья:Darya "
            "Ксения:Kseniya Алёна:Alyona Вера:Vera Полина:Polina Елена:Yelena"
        ),
        _parts(
            "Бел:Bel Вол:Vol Гор:Gor Дуб:Dub Жар:Zhar Кар:Kar Лес:Les Мор:Mor Нов:Nov "
            "Рад:Rad Сев:Sev Тур:Tur Хол:Khol Чер:Cher Яр:Yar Бур:Bur Зор:Zor Крас:Kras"
        ),
        _endings("ов:ov/ова:ova ин:in/ина:ina ский:skiy/ская:skaya"),
        mid=_parts("ан:an ен:en он:on ут:ut ал:al ил:il ар:ar ищ:ishch"),
        first_m=_parts(
            "Влади:Vladi Яро:Yaro Свято:Svyato Мсти:Msti Бори:Bori Стани:Stani Радо:Rado Бого:Bogo"
        ),
        next_m=_parts("слав:slav мир:mir дан:dan"),
        first_f=_parts("Влади:Vladi Яро:Yaro Мира:Mira Стани:Stani Радо:Rado Люд:Lyud"),
        next_f=_parts("слава:slava мира:mira мила:mila"),
        compose=0.25,
    ),
    "uk": NameTable(
        "Cyrillic",
        "G F",
        _parts(
            "Олександр:Oleksandr Андрій:Andriy Тарас:Taras Богдан:Bohdan Остап:Ostap "
            "Микола:Mykola Василь:Vasyl Юрій:Yuriy Дмитро:Dmytro Ігор:Ihor Петро:Petro "
            "Степан:Stepan"
        ),
        _parts(
            "Оксана:Oksana Олена:Olena Наталія:Nataliya Ірина:Iryna Галина:Halyna "
            "Тетяна:Tetyana Соломія:Solomiya Ганна:Hanna Віра:Vira Христина:Khrystyna "
            "Людмила:Lyudmyla"
        ),
        _parts(
            "Ковал:Koval Шевч:Shevch Бонд:Bond Ткач:Tkach Кравч:Kravch Гончар:Honchar "
            "Литвин:Lytvyn Савч:Savch Руд:Rud Бойч:Boych Левч:Levch Мельнич:Melnych"
        ),
        _endings("енко:enko ук:uk ак:ak ський:skyi/ська:ska ич:ych"),
    ),
    "sr": NameTable(
        "Cyrillic",
        "G F",
        _parts(
            "Никола:Nikola Марко:Marko Стефан:Stefan Лука:Luka Милош:Miloš Душан:Dušan "
            "Немања:Nemanja Петар:Petar Драган:Dragan Зоран:Zoran Горан:Goran Бојан:Bojan"
        ),
        _parts(
            "Јелена:Jelena Милица:Milica Ана:Ana Ивана:Ivana Марија:Marija Драгана:Dragana "
            "Снежана:Snežana Тијана:Tijana Јована:Jovana Бранка:Branka"
        ),
        _parts(
            "Мил:Mil Рад:Rad Драг:Drag Стој:Stoj Бран:Bran Вук:Vuk Ђур:Đur Лаз:Laz "
            "Марк:Mark Сав:Sav Тод:Tod Жив:Živ Кост:Kost Мит:Mit"
        ),
        _endings("ић:ić овић:ović евић:ević ановић:anović"),
    ),
    "bg": NameTable(
        "Cyrillic",
        "G F",
        _parts(
            "Георги:Georgi Иван:Ivan Димитър:Dimitar Николай:Nikolay Христо:Hristo "
            "Стоян:Stoyan Петър:Petar Васил:Vasil Тодор:Todor Пламен:Plamen "
            "Красимир:Krasimir"
        ),
        _parts(
            "Мария:Maria Елена:Elena Десислава:Desislava Радостина:Radostina "
            "Цветелина:Tsvetelina Йорданка:Yordanka Гергана:Gergana Милена:Milena "
            "Теодора:Teodora Виолета:Violeta"
        ),
        _parts(
            "Стоян:Stoyan Петк:Petk Христ:Hrist Тодор:Todor Иван:Ivan Велич:Velich "
            "Драгн:Dragn Цвет:Tsvet Мар:Mar Гран:Gran Бож:Bozh Лал:Lal"
        ),
        _endings("ов:ov/ова:ova ев:ev/ева:eva ски:ski/ска:ska"),
    ),
    "ca": NameTable(
        "Cyrillic",
        "G F",
        _parts(
            "Нурлан:Nurlan Ерлан:Yerlan Асхат:Askhat Данияр:Daniyar Тимур:Timur "
            "Азамат:Azamat Бекзат:Bekzat Рустам:Rustam Фаррух:Farrukh Шерзод:Sherzod "
            "Алишер:Alisher Бахтиёр:Bakhtiyor"
        ),
        _parts(
            "Айгерим:Aigerim Динара:Dinara Гульнара:Gulnara Асель:Asel Мадина:Madina "
            "Жанар:Zhanar Нигора:Nigora Дилноза:Dilnoza Зарина:Zarina Камила:Kamila "
            "Малика:Malika"
        ),
        _parts(
            "Сейт:Seit Жума:Zhuma Абдулла:Abdulla Касым:Kasym Темир:Temir Сапар:Sapar "
            "Турсун:Tursun Алим:Alim Рахим:Rakhim Усман:Usman Карим:Karim Ержан:Yerzhan"
        ),
        _endings("ов:ov/ова:ova ев:ev/ева:eva бек:bek/бекова:bekova"),
    ),
    # Arabic script ----------------------------------------------------------------------------
    "ar": NameTable(
        "Arabic",
        "G P F",
        _parts(
            "محمد:Mohamed أحمد:Ahmed علي:Ali عمر:Omar يوسف:Youssef خالد:Khaled حسن:Hassan "
            "إبراهيم:Ibrahim سامي:Sami كريم:Karim طارق:Tarek ناصر:Nasser وليد:Walid "
            "مصطفى:Mostafa هشام:Hisham عادل:Adel ماجد:Majed فيصل:Faisal سعيد:Said رامي:Rami "
            "زياد:Ziad بلال:Bilal أنس:Anas مراد:Mourad"
        ),
        _parts(
            "فاطمة:Fatima مريم:Mariam ليلى:Leila نور:Nour سارة:Sara هدى:Hoda أمينة:Amina "
            "رانيا:Rania سلمى:Salma ياسمين:Yasmine دينا:Dina هالة:Hala منى:Mona سعاد:Souad "
            "خديجة:Khadija زينب:Zeinab نادية:Nadia رحاب:Rehab"
        ),
        _parts(
            "الزين:Al-Zein العمر:Al-Omar السعد:Al-Saad الحمد:Al-Hamad الناصر:Al-Nasser "
            "القاسم:Al-Qasem الشريف:Al-Sharif الخطيب:Al-Khatib البدر:Al-Badr "
            "الجابر:Al-Jaber الصالح:Al-Saleh المنصور:Al-Mansour الحداد:Al-Haddad "
            "الفارس:Al-Fares الرشيد:Al-Rashid"
        ),
        _endings("- ي:i اوي:awi"),
        first_m=_parts("عبد:Abdel"),
        next_m=_parts(
            "الله:lah الكريم:karim الرحمن:rahman العزيز:aziz الحميد:hamid "
            "اللطيف:latif الرزاق:razak الحكيم:hakim الفتاح:fattah المجيد:majid"
        ),
        compose=0.2,
    ),
    "fa": NameTable(
        "Arabic",
        "G F",
        _parts(
            "رضا:Reza علی:Ali حسین:Hossein مهدی:Mehdi امیر:Amir بهرام:Bahram داریوش:Dariush "
            "کامران:Kamran فرهاد:Farhad سعید:Saeed مسعود:Masoud نوید:Navid احمد:Ahmad "
            "محمود:Mahmoud شاهین:Shahin نجیب:Najib همایون:Homayoun"
        ),
        _parts(
            "مریم:Maryam زهرا:Zahra فاطمه:Fatemeh لیلا:Leila نرگس:Narges شیرین:Shirin "
            "پریسا:Parisa سارا:Sara مهناز:Mahnaz نسرین:Nasrin آزاده:Azadeh فرشته:Fereshteh"
        ),
        _parts(
            "کریم:Karim رحیم:Rahim صادق:Sadegh جعفر:Jafar شیراز:Shiraz یزد:Yazd کاظم:Kazem "
            "رستم:Rostam بهرام:Bahram نوروز:Nowruz سلطان:Soltan امین:Amin حیدر:Heydar"
        ),
        _endings("ی:i \u200cزاده:zadeh \u200cپور:pour نیا:nia یان:ian"),
    ),
    "ur": NameTable(
        "Arabic",
        "G G? F",
        _parts(
            "محمد:Muhammad عمران:Imran عثمان:Usman بلال:Bilal فیصل:Faisal کامران:Kamran "
            "ثاقب:Saqib وقاص:Waqas عاصم:Asim نعمان:Noman شاہد:Shahid طارق:Tariq "
            "ذیشان:Zeeshan حمزہ:Hamza"
        ),
        _parts(
            "عائشہ:Ayesha فاطمہ:Fatima صبا:Saba نادیہ:Nadia ثنا:Sana رابعہ:Rabia "
            "مریم:Maryam سدرہ:Sidra حنا:Hina کرن:Kiran"
        ),
        _parts(
            "خان:Khan ملک:Malik اعوان:Awan شاہ:Shah بٹ:Butt چوہدری:Chaudhry قریشی:Qureshi "
            "عباسی:Abbasi مرزا:Mirza انصاری:Ansari اقبال:Iqbal رانا:Rana"
        ),
    ),
    # Han, Hangul ------------------------------------------------------------------------------
    "zh": NameTable(
        "Han",
        "F G",
        _parts(
            "伟:Wei 明:Ming 军:Jun 强:Qiang 磊:Lei 涛:Tao 斌:Bin 峰:Feng 勇:Yong 杰:Jie "
            "鹏:Peng 浩:Hao"
        ),
        _parts("丽:Li 芳:Fang 敏:Min 静:Jing 婷:Ting 雪:Xue 霞:Xia 燕:Yan 玲:Ling 娟:Juan"),
        _parts(
            "王:Wang 李:Li 张:Zhang 刘:Liu 陈:Chen 杨:Yang 黄:Huang 赵:Zhao 吴:Wu 周:Zhou "
            "徐:Xu 孙:Sun 马:Ma 朱:Zhu 胡:Hu 郭:Guo 何:He 林:Lin 罗:Luo 高:Gao 梁:Liang "
            "郑:Zheng 谢:Xie 宋:Song 唐:Tang 韩:Han 冯:Feng 邓:Deng 曹:Cao 彭:Peng"
        ),
        first_m=_parts(
            "伟:wei 明:ming 建:jian 国:guo 华:hua 志:zhi 海:hai 文:wen 俊:jun 东:dong 宇:yu 晨:chen"
        ),
        next_m=_parts(
            "华:hua 军:jun 强:qiang 涛:tao 斌:bin 峰:feng 勇:yong 杰:jie 鹏:peng "
            "浩:hao 宇:yu 明:ming"
        ),
        first_f=_parts("丽:li 晓:xiao 慧:hui 佳:jia 秀:xiu 欣:xin 雪:xue 春:chun 美:mei 文:wen"),
        next_f=_parts(
            "芳:fang 敏:min 静:jing 婷:ting 霞:xia 燕:yan 玲:ling 娟:juan 琳:lin "
            "颖:ying 梅:mei 红:hong 莉:li"
        ),
        compose=0.75,
        joiner="",
    ),
    "ko": NameTable(
        "Hangul",
        "F G",
        (),
        (),
        _parts(
            "김:Kim 이:Lee 박:Park 최:Choi 정:Jung 강:Kang 조:Cho 윤:Yoon 장:Jang 임:Lim "
            "한:Han 오:Oh 서:Seo 신:Shin 권:Kwon 황:Hwang"
        ),
        first_m=_parts("민:min 준:jun 현:hyeon 성:seong 진:jin 태:tae 동:dong 재:jae 영:yeong"),
        next_m=_parts("준:jun 우:woo 호:ho 석:seok 혁:hyeok 훈:hun 민:min 수:su 진:jin"),
        first_f=_parts("서:seo 지:ji 수:su 민:min 은:eun 하:ha 혜:hye 유:yu 아:a"),
        next_f=_parts("연:yeon 윤:yun 희:hui 영:yeong 진:jin 은:eun 아:a 린:rin 경:gyeong"),
        compose=1.0,
        joiner="",
    ),
    # Ethiopic (Ge'ez), Thai, Devanagari, Bengali, Georgian -----------------------------------
    "am": NameTable(
        "Ethiopic",
        "G P",
        (),
        (),
        (),
        first_m=_parts(
            "ከበ:Kebe ተደ:Tede አለ:Ale መሰ:Mese ታደ:Tade ገበ:Gebe በቀ:Beqe ሙሉ:Mulu "
            "ደሳ:Desa ለማ:Lema ጌታ:Geta ሰለ:Sele ዳዊ:Dawi ወል:Wel"
        ),
        next_m=_parts("ደ:de ለ:le ሙ:mu ሰ:se ሁን:hun ዬ:ye ቁ:ku ቸው:chew ነህ:neh ማ:ma ጌታ:geta ሳ:sa"),
        first_f=_parts(
            "ሂሩ:Hiru ትግ:Tig መሰ:Mese አል:Al ሰላ:Sela ብር:Bir ፀሐ:Tseha የሺ:Yeshi "
            "አበ:Abe ፋን:Fan መቅ:Meq ዘው:Zew"
        ),
        next_f=_parts("ት:t ስት:ist ረት:ret ማዝ:maz ም:m ቱካን:tukan ይ:y ወርቅ:work ነሽ:nesh ቱ:tu ዲቱ:ditu"),
        compose=1.0,
    ),
    "th": NameTable(
        "Thai",
        "G F",
        (),
        (),
        _parts(
            "ศรี:si สุข:suk ทอง:thong บุญ:bun แก้ว:kaeo วงศ์:wong เจริญ:charoen รุ่ง:rung "
            "มณี:mani ศักดิ์:sak พันธ์:phan อินทร์:in ชัย:chai สมบูรณ์:sombun เพชร:phet "
            "จันทร์:chan"
        ),
        _endings(
            "สุวรรณ:suwan วงศ์:wong ประเสริฐ:prasoet ทรัพย์:sap พิทักษ์:phithak ธรรม:tham "
            "ศิริ:siri กุล:kun รัตน์:rat ไพศาล:phaisan สกุล:sakun วัฒนา:watthana "
            "ชัยกุล:chaikun พงศ์:phong สมบัติ:sombat"
        ),
        first_m=_parts(
            "สม:som ประ:pra สุ:su วิ:wi อนุ:anu ธนา:thana กิต:kit ณัฐ:nat "
            "เกียรติ:kiat วีระ:wira อภิ:aphi ปิยะ:piya"
        ),
        next_m=_parts(
            "ชาย:chai ศักดิ์:sak พล:phon ชัย:chai พงษ์:phong วัฒน์:wat เดช:det "
            "ยุทธ:yut กร:kon วุฒิ:wut ภูมิ:phum"
        ),
        first_f=_parts(
            "สุ:su มณี:mani พร:phon นภา:napha ศิริ:siri กัญ:kan รัต:rat ปวี:pawi จัน:chan อร:on ดารา:dara"
        ),
        next_f=_parts("ดา:da พร:phon รัตน์:rat ทิพย์:thip วรรณ:wan นี:ni ญา:ya ลักษณ์:lak มาศ:mat"),
        compose=1.0,
    ),
    "hi": NameTable(
        "Devanagari",
        "G F",
        _parts(
            "राजेश:Rajesh सुनील:Sunil अनिल:Anil मनोज:Manoj संजय:Sanjay अजय:Ajay "
            "दीपक:Dipak राकेश:Rakesh प्रकाश:Prakash विकास:Vikas अमित:Amit रवि:Ravi "
            "सुरेश:Suresh गणेश:Ganesh नरेश:Naresh"
        ),
        _parts(
            "प्रिया:Priya कविता:Kavita सुमन:Suman गीता:Gita रेखा:Rekha मीना:Mina उषा:Usha "
            "आशा:Asha नीता:Nita पूजा:Puja दीपा:Dipa ज्योति:Jyoti सीमा:Sima सुनीता:Sunita "
            "अंजलि:Anjali राधिका:Radhika सरिता:Sarita"
        ),
        _parts(
            "भट:Bhat कुल:Kul मेह:Meh थाप:Thap बस:Bas राठ:Rath गुर:Gur पन्त:Pant जोश:Josh "
            "देश:Desh मल:Mal नाग:Nag केस:Kes धार:Dhar"
        ),
        _endings("- ी:i वाल:wal नी:ni कर:kar दार:dar मुख:mukh नागर:nagar िया:iya ला:la ा:a"),
        first_m=_parts(
            "राम:Ram हरि:Hari देव:Dev श्याम:Shyam कमल:Kamal विजय:Vijay अमर:Amar "
            "राज:Raj शिव:Shiv गोपाल:Gopal"
        ),
        next_m=_parts(
            "कुमार:kumar नाथ:nath लाल:lal प्रसाद:prasad राज:raj चन्द्र:chandra "
            "मोहन:mohan बहादुर:bahadur शंकर:shankar"
        ),
        compose=0.5,
    ),
    "bn": NameTable(
        "Bengali",
        "G F",
        _parts(
            "মোহাম্মদ:Mohammad রহিম:Rahim করিম:Karim হাসান:Hasan জামাল:Jamal কামাল:Kamal "
            "রফিক:Rafiq সাকিব:Sakib তানভীর:Tanvir আরিফ:Arif নাজমুল:Nazmul মাহমুদ:Mahmud "
            "শফিক:Shafiq"
        ),
        _parts(
            "নাসরিন:Nasrin ফাতেমা:Fatema শাহানা:Shahana রুমানা:Rumana তাসলিমা:Taslima "
            "সুমাইয়া:Sumaiya নুসরাত:Nusrat ফারজানা:Farzana শারমিন:Sharmin রেহানা:Rehana"
        ),
        _parts(
            "হোসেন:Hossain আহমেদ:Ahmed ইসলাম:Islam চৌধুরী:Chowdhury সরকার:Sarker "
            "রহমান:Rahman মিয়া:Mia উদ্দিন:Uddin আলম:Alam খান:Khan ভূঁইয়া:Bhuiyan "
            "তালুকদার:Talukder"
        ),
    ),
    "ka": NameTable(
        "Georgian",
        "G F",
        _parts(
            "გიორგი:Giorgi დავით:Davit ნიკოლოზ:Nikoloz ლევან:Levan ირაკლი:Irakli "
            "ზურაბ:Zurab თამაზ:Tamaz ლაშა:Lasha გოჩა:Gocha ბექა:Beka"
        ),
        _parts(
            "ნინო:Nino თამარ:Tamar მარიამ:Mariam ეკატერინე:Ekaterine ნატო:Nato "
            "სალომე:Salome ანა:Ana ქეთევან:Ketevan ელენე:Elene"
        ),
        _parts(
            "ბერი:Beri კაპანა:Kapana გელა:Gela ჯაფარი:Japari ლომი:Lomi ხარა:Khara "
            "მაჭა:Macha წერე:Tsere ბოლქვა:Bolkva ღონღა:Ghongha ქავთა:Kavta ჩიქო:Chiko"
        ),
        _endings("შვილი:shvili ძე:dze ლაძე:ladze ნაძე:nadze"),
    ),
}

# Participating countries (ISO code, naming culture), by M49 region: 115 countries.
_PARTNER_COUNTRIES = """
    DZ:ar EG:ar LY:ar MA:ar TN:ar SD:ar MR:ar TD:ar DJ:ar NG:wa GH:wa SN:wa CI:wa BJ:wa TG:wa
    BF:wa ML:wa NE:wa GN:wa SL:wa LR:wa GM:wa CM:wa GA:wa CG:wa CD:wa KE:sw TZ:sw UG:sw RW:sw
    BI:sw ET:am MZ:pt AO:pt CV:pt ZA:za ZM:za ZW:za NA:za BW:za MW:za
    MX:es GT:es HN:es SV:es NI:es CR:es PA:es CO:es VE:es EC:es PE:es BO:es CL:es AR:es UY:es
    PY:es DO:es CU:es BR:pt HT:fr JM:en TT:en
    CN:zh SG:zh TH:th IN:hi NP:hi BD:bn VN:vi ID:ms MY:ms PH:fil PK:ur AF:fa IR:fa KZ:ca KG:ca
    TJ:ca UZ:ca JO:ar LB:ar IQ:ar SA:ar AE:ar QA:ar KW:ar OM:ar BH:ar YE:ar PS:ar TR:tr AZ:tr
    GE:ka KR:ko
    RU:ru UA:uk BY:ru RS:sr MK:bg BG:bg BA:hr ME:hr MD:ro RO:ro PL:pl HR:hr ES:es PT:pt
    PG:pac FJ:pac SB:pac VU:pac WS:pac TO:pac
"""
PARTNER_COUNTRIES: tuple[tuple[str, str], ...] = tuple(
    (item.partition(":")[0], item.partition(":")[2]) for item in _PARTNER_COUNTRIES.split()
)
CULTURE: dict[str, str] = dict(PARTNER_COUNTRIES)

# Partners whose seats come first at every scale, so that small demos still show every script
# and the two liaison personas' countries.
SHOWCASE = (
    "KE",
    "PE",
    "ET",
    "TH",
    "IN",
    "CN",
    "RU",
    "EG",
    "BR",
    "VN",
    "NP",
    "RS",
    "IR",
    "KR",
    "GE",
    "BD",
    "PL",
    "TR",
)

# International organisations: (name, acronym, nationalities of their officers: ISO codes or a
# region code prefixed with "r").
ORGANISATIONS: tuple[tuple[str, str, str], ...] = (
    ("International Criminal Police Organization", "INTERPOL", "*"),
    ("ASEAN Chiefs of National Police", "ASEANAPOL", "TH VN ID MY PH SG"),
    ("African Union Mechanism for Police Cooperation", "AFRIPOL", "r2"),
    ("Police Community of the Americas", "AMERIPOL", "r19"),
    ("GCC Police", "GCCPOL", "SA AE QA KW OM BH"),
    (
        "Southern African Regional Police Chiefs Cooperation Organisation",
        "SARPCCO",
        "ZA ZM ZW NA BW MW MZ AO",
    ),
)

HOST_INSTITUTIONS: tuple[tuple[str, str], ...] = (
    ("Académie internationale de police de Lyon", "Lyon"),
    ("Centre de formation à la gestion des foules de Périgueux", "Périgueux"),
    ("Institut de cybersécurité et d'investigation numérique", "Rennes"),
    ("École de police judiciaire et de criminalistique", "Toulouse"),
    ("Centre de coopération policière internationale", "Strasbourg"),
    ("Académie de sécurité civile et de gestion des crises", "Marseille"),
)

EXCHANGE_HOSTS: tuple[tuple[str, str], ...] = (
    ("Lyon metropolitan police directorate", "Lyon"),
    ("Marseille public order company", "Marseille"),
    ("Paris criminal investigation division", "Paris"),
    ("Lille border police directorate", "Lille"),
    ("Rennes cybercrime unit", "Rennes"),
    ("Toulouse forensic laboratory", "Toulouse"),
    ("Strasbourg international cooperation centre", "Strasbourg"),
    ("Bordeaux community policing unit", "Bordeaux"),
)

# --- Agencies and units -----------------------------------------------------------------------

AGENCIES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    # kind: (agency name, directorates, operational units)
    AgencyKind.POLICE: (
        "National Police",
        (
            "Criminal Investigation Directorate",
            "Public Order Directorate",
            "Training Directorate",
            "Operations Directorate",
            "Intelligence Directorate",
            "Forensic Services Directorate",
            "Community Policing Directorate",
        ),
        (
            "Capital Police Command",
            "Regional Command North",
            "Regional Command South",
            "Rapid Response Unit",
            "Public Order Unit",
            "Traffic Police Unit",
            "Anti-Narcotics Unit",
            "Cybercrime Unit",
            "Criminal Investigation Unit",
            "Forensic Laboratory",
            "Child Protection Unit",
            "Gender and Family Desk",
            "Tourist Police Unit",
            "Marine Police Unit",
            "Airport Police Unit",
            "Counter-Terrorism Unit",
            "Special Intervention Unit",
            "Community Policing Unit",
            "Police Training School",
        ),
    ),
    AgencyKind.GENDARMERIE: (
        "Gendarmerie",
        (
            "Territorial Gendarmerie Command",
            "Mobile Gendarmerie Command",
            "Research and Investigation Command",
        ),
        (
            "Mobile Squadron 1",
            "Mobile Squadron 2",
            "Research Brigade",
            "Territorial Company North",
            "Territorial Company South",
            "Intervention Group",
            "Gendarmerie School",
        ),
    ),
    AgencyKind.BORDER: (
        "Border Guard",
        ("Border Operations Directorate", "Migration Directorate"),
        (
            "Land Border Post Unit",
            "Airport Border Unit",
            "Coastal Surveillance Unit",
            "Document Fraud Unit",
            "Anti-Trafficking Unit",
        ),
    ),
    AgencyKind.CUSTOMS: (
        "Customs Service",
        ("Enforcement Directorate", "Risk Management Directorate"),
        (
            "Container Control Unit",
            "Airport Customs Unit",
            "Anti-Smuggling Unit",
            "Customs Intelligence Unit",
        ),
    ),
    AgencyKind.PRISON: (
        "Prison Service",
        ("Prison Operations Directorate", "Rehabilitation Directorate"),
        (
            "Central Prison",
            "Remand Centre",
            "Women's Prison",
            "Prison Staff College",
            "Security and Escort Unit",
        ),
    ),
    AgencyKind.MINISTRY: (
        "Ministry of the Interior",
        ("Directorate of Police Affairs", "International Cooperation Directorate"),
        (
            "Policy and Planning Unit",
            "Inspectorate of Internal Affairs",
            "Crisis Management Centre",
        ),
    ),
    AgencyKind.INTERNATIONAL: (
        "General Secretariat",
        ("Capacity Building and Training Directorate", "Operational Support Directorate"),
        (
            "Cybercrime Programme",
            "Counter-Terrorism Programme",
            "Organised Crime Programme",
            "Regional Bureau",
        ),
    ),
}
# Units reorganised in mid-2025: the old one ends on 30 June, its successor starts on 1 July.
REORGANISED = {
    "Rapid Response Unit": "Rapid Intervention Unit",
    "Public Order Unit": "Public Order Command",
    "Anti-Narcotics Unit": "Drug Enforcement Unit",
    "Traffic Police Unit": "Road Safety Unit",
    "Mobile Squadron 2": "Mobile Squadron 3",
}
REORGANISED_ON = dt.date(2025, 7, 1)
# Units the vetting analysts barred (fictional decisions); one directorate bars its children too.
BARRED_UNIT_NAMES = (
    "Rapid Response Unit",
    "Special Intervention Unit",
    "Public Order Unit",
    "Counter-Terrorism Unit",
    "Mobile Squadron 1",
    "Intervention Group",
)
BARRED_UNITS, PUBLISHED_BARRED_UNITS = 8, 6

RANKS: dict[str, tuple[tuple[str, int], ...]] = {
    AgencyKind.POLICE: (
        ("Constable", 8),
        ("Corporal", 6),
        ("Sergeant", 12),
        ("Inspector", 18),
        ("Chief Inspector", 10),
        ("Superintendent", 8),
        ("Senior Superintendent", 4),
        ("Assistant Commissioner", 2),
    ),
    AgencyKind.GENDARMERIE: (
        ("Gendarme", 8),
        ("Adjutant", 10),
        ("Lieutenant", 10),
        ("Captain", 9),
        ("Major", 5),
        ("Lieutenant Colonel", 2),
    ),
    AgencyKind.BORDER: (
        ("Border Guard", 8),
        ("Senior Border Guard", 8),
        ("Border Inspector", 6),
        ("Chief Border Inspector", 2),
    ),
    AgencyKind.CUSTOMS: (
        ("Customs Officer", 8),
        ("Senior Customs Officer", 6),
        ("Customs Inspector", 4),
    ),
    AgencyKind.PRISON: (("Prison Officer", 8), ("Senior Prison Officer", 5), ("Chief Officer", 2)),
    AgencyKind.MINISTRY: (("Analyst", 5), ("Senior Officer", 5), ("Deputy Director", 1)),
    AgencyKind.INTERNATIONAL: (
        ("Specialised Officer", 6),
        ("Programme Officer", 4),
        ("Coordinator", 2),
    ),
}

# --- Curriculum -------------------------------------------------------------------------------

# code, title, main topic, further topics
COURSES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "PSS-101",
        "Public security strategy and planning",
        "public-security-strategy",
        ("crime-prevention",),
    ),
    (
        "PSS-201",
        "Strategic leadership for police commanders",
        "public-security-strategy",
        ("human-rights",),
    ),
    (
        "PSS-210",
        "Police reform and institutional integrity",
        "public-security-strategy",
        ("crime-prevention", "human-rights"),
    ),
    ("CYB-101", "Cybercrime investigation", "cybersecurity", ("forensics",)),
    ("CYB-201", "Digital evidence and forensic acquisition", "cybersecurity", ("forensics",)),
    (
        "CYB-210",
        "Protecting critical information infrastructure",
        "cybersecurity",
        ("emergency-response",),
    ),
    (
        "SUR-101",
        "Lawful interception and independent oversight",
        "surveillance-technology",
        ("human-rights", "cybersecurity"),
    ),
    (
        "SUR-201",
        "Video surveillance: law, limits and data protection",
        "surveillance-technology",
        ("legal-frameworks-urban-governance",),
    ),
    (
        "SUR-210",
        "Open-source intelligence within the law",
        "surveillance-technology",
        ("cybersecurity",),
    ),
    (
        "CRW-101",
        "Crowd management and the use of force",
        "crowd-management",
        ("use-of-force", "human-rights"),
    ),
    (
        "CRW-201",
        "Policing public assemblies and protests",
        "crowd-management",
        ("human-rights", "community-policing"),
    ),
    ("CRW-210", "Major events security", "crowd-management", ("emergency-response",)),
    (
        "EMR-101",
        "Emergency response and disaster management",
        "emergency-response",
        ("public-security-strategy",),
    ),
    ("EMR-201", "Multi-agency crisis command", "emergency-response", ("public-security-strategy",)),
    (
        "EMR-210",
        "First aid and casualty care for first responders",
        "emergency-response",
        ("use-of-force",),
    ),
    (
        "LEG-101",
        "Legal frameworks for urban governance",
        "legal-frameworks-urban-governance",
        ("community-policing",),
    ),
    (
        "LEG-201",
        "Police powers, the rule of law and judicial oversight",
        "legal-frameworks-urban-governance",
        ("human-rights", "detention"),
    ),
    (
        "CTR-101",
        "Counter-terrorism investigation and human rights",
        "counter-terrorism",
        ("human-rights", "interrogation"),
    ),
    (
        "CTR-201",
        "Preventing violent extremism through community engagement",
        "counter-terrorism",
        ("community-policing",),
    ),
    ("CTR-210", "Terrorist financing investigation", "counter-terrorism", ("transnational-crime",)),
    ("TNC-101", "Transnational organised crime", "transnational-crime", ("forensics",)),
    (
        "TNC-201",
        "Trafficking in persons: identification and victim protection",
        "transnational-crime",
        ("human-rights",),
    ),
    ("TNC-210", "Drug trafficking investigation", "transnational-crime", ("forensics",)),
    (
        "TNC-220",
        "Border management and the rights of migrants",
        "transnational-crime",
        ("human-rights",),
    ),
    ("COM-101", "Community policing", "community-policing", ("crime-prevention",)),
    (
        "COM-201",
        "Police–community dialogue and complaints handling",
        "community-policing",
        ("human-rights",),
    ),
    (
        "UOF-101",
        "Use of force and firearms: principles and practice",
        "use-of-force",
        ("human-rights",),
    ),
    ("UOF-201", "De-escalation and less-lethal options", "use-of-force", ("crowd-management",)),
    (
        "HRT-101",
        "Human rights standards for law enforcement",
        "human-rights",
        ("use-of-force", "detention"),
    ),
    ("HRT-201", "Responding to gender-based violence", "human-rights", ("community-policing",)),
    ("HRT-210", "Policing and non-discrimination", "human-rights", ("community-policing",)),
    (
        "CRP-101",
        "Crime prevention through environmental design",
        "crime-prevention",
        ("legal-frameworks-urban-governance",),
    ),
    (
        "CRP-201",
        "Juvenile justice and child protection",
        "crime-prevention",
        ("human-rights", "detention"),
    ),
    (
        "CRP-210",
        "Anti-corruption and police integrity",
        "crime-prevention",
        ("public-security-strategy",),
    ),
    ("INT-101", "Investigative interviewing", "interrogation", ("human-rights",)),
    (
        "INT-201",
        "Interviewing vulnerable witnesses and suspects",
        "interrogation",
        ("human-rights", "crime-prevention"),
    ),
    ("DET-101", "Custody management and the rights of detainees", "detention", ("human-rights",)),
    ("DET-201", "Prison security and the Nelson Mandela Rules", "detention", ("use-of-force",)),
    ("FOR-101", "Crime scene investigation", "forensics", ("transnational-crime",)),
    (
        "FOR-201",
        "Forensic DNA and fingerprint evidence",
        "forensics",
        ("legal-frameworks-urban-governance",),
    ),
    (
        "FOR-210",
        "Financial investigation and asset recovery",
        "forensics",
        ("transnational-crime",),
    ),
)
V2_APPROVED = {"CRW-101", "UOF-101", "CYB-101", "INT-101", "COM-101", "DET-101", "HRT-101"}
V2_IN_REVIEW = {"TNC-101", "PSS-101", "EMR-101"}
V2_SENT_BACK = {"SUR-101", "CTR-101"}  # changes requested on version 2: back to draft
V1_SENT_BACK_THEN_APPROVED = {"SUR-201", "LEG-201"}
V1_IN_REVIEW = {"SUR-210", "CTR-210"}
V1_DRAFT = {"FOR-210"}

# Module pools per topic: "title | learning outcome".
MODULES: dict[str, tuple[str, ...]] = {
    "public-security-strategy": (
        "Threat and risk assessment | Assess local security threats from crime data and "
        "community input.",
        "Strategic planning and performance measures | Write a security plan with measurable, "
        "rights-compliant objectives.",
        "Leadership, ethics and accountability | Explain a commander's duties of supervision, "
        "reporting and accountability.",
        "Resource allocation | Justify the allocation of staff and equipment against stated "
        "priorities.",
        "Working with civil society and oversight bodies | Plan regular engagement with "
        "oversight bodies and civil society.",
    ),
    "cybersecurity": (
        "Cybercrime typologies | Distinguish the main forms of cybercrime and their legal "
        "elements.",
        "Digital evidence: seizure and chain of custody | Seize and preserve digital evidence "
        "with a documented chain of custody.",
        "Cross-border requests for electronic evidence | Draft a mutual legal assistance request "
        "for stored data.",
        "Privacy safeguards in cyber investigations | Apply necessity and proportionality tests "
        "before intrusive measures.",
        "Incident response coordination | Coordinate with CERTs and service providers during an "
        "incident.",
    ),
    "surveillance-technology": (
        "Legal basis and authorisation | Identify the legal basis, authorisation and time limits "
        "of each measure.",
        "Necessity, proportionality and data minimisation | Apply necessity and proportionality "
        "to a surveillance request.",
        "Cameras in public spaces | Set retention, access and signage rules for public-space "
        "cameras.",
        "Independent oversight and record keeping | Keep records that let an oversight body audit "
        "every measure.",
        "Risks of biometric tools | Explain the error and discrimination risks of biometric tools.",
    ),
    "crowd-management": (
        "The right of peaceful assembly | Explain the State's duty to facilitate peaceful "
        "assemblies.",
        "Dialogue with organisers | Plan liaison with organisers before and during an assembly.",
        "Graduated response and de-escalation | Choose the least harmful option in a graded "
        "scenario.",
        "Less-lethal weapons: rules and risks | State when, and when not, each less-lethal "
        "weapon may be used.",
        "Command, communication and debriefing | Run a post-event debrief and report every use "
        "of force.",
    ),
    "emergency-response": (
        "Incident command | Set up an incident command structure for a multi-agency response.",
        "Evacuation and public information | Plan an evacuation with clear public information "
        "in several languages.",
        "Protecting people at risk in emergencies | Identify and protect people at heightened "
        "risk in an emergency.",
        "Search, rescue and casualty care | Give first-responder casualty care until medical "
        "teams arrive.",
        "Recovery and lessons learned | Lead a structured lessons-learned review.",
    ),
    "legal-frameworks-urban-governance": (
        "Police powers in law | Identify the legal source and limits of each police power used "
        "in cities.",
        "Local ordinances and the rule of law | Test a local ordinance against constitutional "
        "and human-rights standards.",
        "Arrest and search safeguards | Apply the safeguards of arrest and search, including "
        "recording.",
        "Policing informal settlements | Plan the policing of informal settlements without "
        "forced evictions.",
        "Judicial and parliamentary oversight | Explain how courts and legislatures oversee "
        "police action.",
    ),
    "counter-terrorism": (
        "Terrorism offences and international law | Distinguish terrorism offences from "
        "protected expression and assembly.",
        "Intelligence-led investigation | Turn intelligence into admissible evidence with proper "
        "safeguards.",
        "Detention and interviewing of suspects | Apply custody and interview safeguards to "
        "terrorism suspects.",
        "Protecting victims and witnesses | Put protective measures in place for victims and "
        "witnesses.",
        "Emergencies and non-derogable rights | Identify the rights that can never be suspended.",
    ),
    "transnational-crime": (
        "Organised crime groups and markets | Map an organised crime group and its markets.",
        "International police cooperation channels | Use notices and liaison channels correctly.",
        "Joint investigation teams | Plan a joint investigation team within legal limits.",
        "Financial flows and asset tracing | Trace the proceeds of crime across borders.",
        "Victim identification and referral | Identify and refer victims of trafficking.",
    ),
    "community-policing": (
        "Principles of community policing | Explain policing by consent and its consequences.",
        "Problem-oriented policing | Apply the SARA model to a local problem.",
        "Trust with minority communities | Plan outreach to communities with low trust in the "
        "police.",
        "Handling complaints | Receive and record a complaint against the police impartially.",
        "Youth engagement | Design a youth engagement activity with schools.",
    ),
    "use-of-force": (
        "Legality, necessity, proportionality, accountability | Apply the four principles to "
        "use-of-force scenarios.",
        "Firearms: when and how | State the only circumstances that allow firearms against "
        "persons.",
        "Communication and de-escalation | Use verbal de-escalation in a role play under stress.",
        "Medical assistance and reporting after force | Give first aid and report every use of "
        "force.",
        "Scenario-based training | Make lawful decisions in realistic scenarios under observation.",
    ),
    "human-rights": (
        "International human-rights law for police | Name the treaties and standards that "
        "govern policing.",
        "Prohibition of torture and ill-treatment | Explain the absolute prohibition of torture.",
        "Non-discrimination in policing | Recognise and avoid discriminatory practices.",
        "Gender and policing | Apply a gender perspective to police operations.",
        "Accountability and remedies | Explain victims' rights to remedy and reparation.",
    ),
    "crime-prevention": (
        "Crime analysis for prevention | Use crime data to target prevention.",
        "Situational prevention and design | Apply environmental design principles to a hot spot.",
        "Integrity and anti-corruption measures | Identify corruption risks and integrity "
        "measures.",
        "Partnerships with local government | Build a prevention partnership with local "
        "authorities.",
        "Evaluating prevention programmes | Design an evaluation with before-and-after measures.",
    ),
    "interrogation": (
        "Principles of investigative interviewing | Explain why coercion produces unreliable "
        "information.",
        "The PEACE model | Plan and conduct an interview using the PEACE model.",
        "Legal safeguards in interviews | Apply the rights to a lawyer, an interpreter and "
        "silence.",
        "Interviewing vulnerable persons | Adapt an interview for children and vulnerable adults.",
        "Recording and evaluating interviews | Record interviews and evaluate them against the "
        "standards.",
    ),
    "detention": (
        "Rights of persons in custody | List the rights of every person in custody from the "
        "first hour.",
        "Custody records | Keep complete custody records.",
        "Health and medical care in custody | Secure medical care and prevent deaths in custody.",
        "Force and restraints in custody | State the limits on force and restraints in custody.",
        "Monitoring and inspection visits | Facilitate visits by national preventive mechanisms.",
    ),
    "forensics": (
        "Crime scene management | Secure and document a crime scene.",
        "Collection and preservation of evidence | Collect physical evidence and keep the chain "
        "of custody.",
        "Documenting injuries | Explain how injuries are documented under the Istanbul Protocol.",
        "Fingerprints and DNA | Explain the reliability and limits of fingerprint and DNA "
        "evidence.",
        "Expert evidence in court | Present forensic findings fairly in court.",
    ),
}
# Standards (codes of the standards catalogue) that reviews cite for each topic.
PROVISIONS: dict[str, str] = {
    "public-security-strategy": "UN-CCLEO-1979:A01, UN-CCLEO-1979:A08",
    "cybersecurity": "ICCPR-1966:A17, ICCPR-1966:A19",
    "surveillance-technology": "ICCPR-1966:A17, UNGP-2011:P17",
    "crowd-management": "UN-BPUFF-1990:P12–P14, ICCPR-1966:A21",
    "emergency-response": "UN-BPUFF-1990:P05, ICCPR-1966:A04",
    "legal-frameworks-urban-governance": "ICCPR-1966:A09, ICCPR-1966:A26",
    "counter-terrorism": "ICCPR-1966:A04, ICCPR-1966:A07, ICCPR-1966:A14",
    "transnational-crime": "ICCPR-1966:A09, ICCPR-1966:A14",
    "community-policing": "UN-CCLEO-1979:A01, ICCPR-1966:A26",
    "use-of-force": "UN-CCLEO-1979:A03, UN-BPUFF-1990:P04–P05, UN-BPUFF-1990:P09",
    "human-rights": "UN-CCLEO-1979:A02, ICCPR-1966:A02",
    "crime-prevention": "UN-CCLEO-1979:A07, ICCPR-1966:A26",
    "interrogation": "MENDEZ-2021:P1–P6, UN-CAT-1984:A15, ICCPR-1966:A14",
    "detention": "UN-BPUFF-1990:P15–P16, UN-CCLEO-1979:A06, ICCPR-1966:A10",
    "forensics": "UN-IP-2022, ICCPR-1966:A14",
}
METHODS = (
    "Lecture and discussion",
    "Case studies",
    "Scenario exercise",
    "Role play",
    "Field exercise",
    "E-learning module",
    "Tabletop exercise",
    "Peer observation and feedback",
    "Study visit",
)
LANGUAGE_SETS = (
    ["en", "fr"],
    ["en", "fr"],
    ["en"],
    ["fr"],
    ["en", "es"],
    ["en", "ar"],
    ["en", "ru"],
    ["en", "pt"],
    ["fr", "ar"],
)

# --- Activities -------------------------------------------------------------------------------

# mode: (share of activities, code prefix, capacity range, duration range in days)
MODES: dict[str, tuple[float, str, tuple[int, int], tuple[int, int]]] = {
    Mode.ACADEMY_COURSE: (0.42, "AC", (20, 32), (5, 19)),
    Mode.ONLINE: (0.15, "OL", (30, 48), (3, 14)),
    Mode.CONSULTANT_MISSION: (0.15, "MS", (16, 28), (5, 12)),
    Mode.JOINT_EXERCISE: (0.08, "JX", (22, 34), (2, 5)),
    Mode.EXCHANGE_PLACEMENT: (0.20, "EX", (2, 5), (14, 45)),
}

JUSTIFICATIONS = (
    "Serves in the {unit}; will pass the training on to colleagues.",
    "Selected by the {agency} training board for this activity.",
    "Leads a team whose duties match the course; nominated under the national training plan.",
    "Instructor at the national police school; will adapt the material for local courses.",
    "Recently promoted to a supervisory post in the {unit}.",
    "Handles cases in this field daily; the {agency} asked for this training in its request.",
)
WITHDRAWAL_REASONS = (
    "Operational duties: the officer was redeployed.",
    "Medical reasons.",
    "Replaced by the partner after a transfer to another unit.",
    "Family emergency.",
)
NO_SHOW_REASONS = (
    "Did not arrive; no notice given.",
    "Visa not issued in time; did not travel.",
    "Did not attend the opening day or any session.",
)
# Reasons the secretariat head gave, by what closed the gate: an expired clearance or a
# vetting case waiting for more information.
OVERRIDE_REASONS: dict[str, tuple[str, ...]] = {
    Outcome.CLEARED: (
        "Clearance renewal was requested three weeks before the start; the analyst's interim "
        "check found no adverse information, but the renewed decision was not recorded in time. "
        "Enrolled on the head's authority to keep the partner's seat; re-vetting to be completed "
        "within 30 days.",
        "The officer's earlier clearance lapsed during a transfer between units; the new unit is "
        "cleared and the watchlist screening found no match. Enrolled on the head's authority; "
        "the renewed decision is due before the end of the activity.",
        "Replacement for a nominee withdrawn four days before the start. The officer was cleared "
        "for the previous programme and nothing adverse has been reported since; re-vetting is "
        "under way. Enrolled to keep the partner's seat.",
    ),
    Outcome.MORE_INFO: (
        "The officer's vetting waits for one document (service record for 2019–2021) from the "
        "partner. The partner's inspector-general confirmed in writing that no complaint is on "
        "file. Enrolled on the head's authority and flagged for follow-up.",
        "The analyst asked for the officer's postings in 2020; the partner's reply is in "
        "translation and shows no posting to a barred unit. Enrolled on the head's authority; "
        "the decision will follow.",
    ),
}
SOURCES = (
    "Partner's service record\nUN sanctions lists\nHuman-rights reports (UN treaty bodies, "
    "special procedures, NGOs)\nOpen-source media search"
)
FICTION = " (Fictional demo decision.)"


# --- Helpers ----------------------------------------------------------------------------------


# Fields filled with "now" on insert; the demo writes the story's dates into them instead.
_AUTO_TIMESTAMPS: tuple[tuple[type[models.Model], str], ...] = (
    (Course, "created_at"),
    (CourseVersion, "created_at"),
    (Review, "decided_at"),
    (Activity, "created_at"),
    (SeatRequest, "requested_at"),
    (Officer, "created_at"),
    (Nomination, "created_at"),
    (Enrolment, "enrolled_at"),
)


@contextmanager
def _story_dates() -> Iterator[None]:
    """Let bulk_create keep the dates of two years of back-filled history in auto_now_add fields
    (only the demo loader does this; live code always stamps the current time)."""
    fields: list[Any] = [model._meta.get_field(name) for model, name in _AUTO_TIMESTAMPS]
    saved = [f.auto_now_add for f in fields]
    for f in fields:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f, value in zip(fields, saved, strict=True):
            f.auto_now_add = value


def _demo_password_hash(password: str) -> str:
    """The demo passwords are printed for anyone to read, so hashing them at full strength only
    costs time (about a second each): PBKDF2 with few iterations, which Django's check_password
    upgrades to the configured strength at the first sign-in."""
    hasher = get_hasher()
    if isinstance(hasher, PBKDF2PasswordHasher):
        return hasher.encode(password, hasher.salt(), iterations=DEMO_HASH_ITERATIONS)
    return make_password(password)


def _weighted(rng: random.Random, pairs: Sequence[tuple[Any, float]]) -> Any:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _as_of(decisions: list[Decision], moment: dt.datetime) -> Decision | None:
    """The decision current at `moment`: the latest one taken by then (list oldest first)."""
    found = None
    for decision in decisions:
        if decision.decided_at > moment:
            break
        found = decision
    return found


@dataclass
class _Seat:
    """One partner's share of an activity, while nominations are simulated."""

    allocation: SeatAllocation
    enrolled: int = 0


@dataclass
class _Officer:
    officer: Officer
    decisions: list[Decision] = field(default_factory=list)
    busy_until: dt.date = dt.date.min  # end of the last activity they were nominated for


Item = tuple[User | None, str, models.Model | None, dict[str, Any] | None]


# --- The loader -------------------------------------------------------------------------------


class _Builder:
    def __init__(self, *, scale: float, today: dt.date, log: Callable[[str], None]) -> None:
        self.rng = random.Random(SEED)
        self.scale = scale
        self.today = today
        self.tz = timezone.get_current_timezone()
        self.cutoff = dt.datetime.combine(today, dt.time(0, 0), tzinfo=self.tz)
        self.log = log
        self.started = time.perf_counter()
        self.lap = self.started
        self.counts: dict[str, int] = {}
        self.unit_decisions: dict[int, list[Decision]] = defaultdict(list)
        self.seen_people: set[tuple[str, dt.date]] = set()

    # -- small tools ---------------------------------------------------------------------------

    def moment(self, day: dt.date, *, start_hour: int = 8, end_hour: int = 18) -> dt.datetime:
        minutes = self.rng.randrange((end_hour - start_hour) * 60)
        return dt.datetime.combine(day, dt.time(start_hour), tzinfo=self.tz) + dt.timedelta(
            minutes=minutes
        )

    def day_between(self, first: dt.date, last: dt.date) -> dt.date:
        if last <= first:
            return first
        return first + dt.timedelta(days=self.rng.randrange((last - first).days + 1))

    def stage(self, name: str, **counts: int) -> None:
        now = time.perf_counter()
        self.counts.update(counts)
        shown = ", ".join(f"{n:,} {k.replace('_', ' ')}" for k, n in counts.items())
        self.log(
            f"  {name:<30} {shown}  ({now - self.lap:.1f} s, {now - self.started:.1f} s in all)"
        )
        self.lap = now

    def audit(self, items: list[Item]) -> int:
        """Append the stage's events, one record_events call per actor."""
        by_actor: dict[int | None, list[Item]] = defaultdict(list)
        actors: dict[int | None, User | None] = {}
        for item in items:
            key = item[0].pk if item[0] is not None else None
            by_actor[key].append(item)
            actors[key] = item[0]
        for key, group in by_actor.items():
            record_events(actors[key], [(verb, obj, data) for _by, verb, obj, data in group])
        self.counts["events"] = self.counts.get("events", 0) + len(items)
        return len(items)

    def name(self, culture: str, female: bool) -> tuple[str, str]:
        native, latin = NAME_TABLES[culture].make(self.rng, female)
        return clean_name(native), clean_name(latin)

    # -- stages --------------------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        self.people()
        self.partners()
        self.institutions_and_pledges()
        self.curriculum()
        self.activities()
        self.seats()
        self.nominations()
        self.write_nominations()
        self.counts.update(add_learning_records(today=self.today, log=self.log))
        self.stage("review, due diligence, complaints", **add_review_demo_data(self))
        record_events(
            None,
            [
                (
                    "demo.loaded",
                    None,
                    {
                        "seed": SEED,
                        "scale": self.scale,
                        "programme_start": PROGRAMME_START.isoformat(),
                        "today": self.today.isoformat(),
                        "officers": self.counts.get("officers", 0),
                        "nominations": self.counts.get("nominations", 0),
                    },
                )
            ],
        )
        self.counts["events"] = Event.objects.count()
        return self.counts

    def people(self) -> None:
        self.hashes = hashes = {p.username: _demo_password_hash(p.password) for p in DEMO_LOGINS}
        joined = dt.datetime.combine(dt.date(2024, 9, 2), dt.time(9), tzinfo=self.tz)
        users = [
            User(
                username=p.username,
                password=hashes[p.username],
                role=p.role,
                is_head=p.is_head,
                first_name=p.first_name,
                last_name=p.last_name,
                organisation="Programme secretariat" if p.role == Role.SECRETARIAT else "",
                date_joined=joined,
            )
            for p in DEMO_LOGINS
            if p.role != Role.LIAISON
        ]
        users += [
            User(
                username=username,
                password=make_password(None),
                role=role,
                first_name=first,
                last_name=last,
                date_joined=joined,
            )
            for username, role, first, last in STAFF
        ]
        User.objects.bulk_create(users)
        self.users = {u.username: u for u in users}
        self.secretariat = self.users["secretariat"]
        self.head = self.users["head"]
        by_role: dict[str, list[User]] = defaultdict(list)
        for user in users:
            by_role[user.role].append(user)
        self.analysts = by_role[Role.ANALYST]
        self.reviewers = by_role[Role.REVIEWER]
        self.instructors = by_role[Role.INSTRUCTOR]
        self.consultants = by_role[Role.CONSULTANT]
        self.stage("host staff and personas", users=len(users))

    def partners(self) -> None:
        rng = self.rng
        self.countries = {c.code: c for c in Country.objects.all()}
        partners: list[Partner] = []
        late = dt.date(2025, 2, 1)
        for code, _culture in PARTNER_COUNTRIES:
            country = self.countries[code]
            joined = (
                FORUM_DAY
                if rng.random() < 0.9 or code in SHOWCASE
                else self.day_between(late, dt.date(2025, 6, 30))
            )
            partners.append(
                Partner(
                    kind=PartnerKind.COUNTRY, country=country, name=country.name, joined_on=joined
                )
            )
        for name, acronym, _members in ORGANISATIONS:
            partners.append(
                Partner(
                    kind=PartnerKind.ORGANISATION,
                    name=name,
                    acronym=acronym,
                    joined_on=FORUM_DAY,
                    notes="Participates in the programme's training offer.",
                )
            )
        Partner.objects.bulk_create(partners)
        self.partner_list = partners
        self.partner_by_code = {p.country.code: p for p in partners if p.country is not None}
        self.members: dict[int, list[Country]] = {}
        country_partners = [p.country for p in partners if p.country is not None]
        for partner, (_name, _acronym, members) in zip(
            partners[len(PARTNER_COUNTRIES) :], ORGANISATIONS, strict=True
        ):
            if members == "*":
                chosen = country_partners
            elif members.startswith("r"):
                chosen = [c for c in country_partners if c.region_code == members[1:]]
            else:
                chosen = [self.countries[c] for c in members.split()]
            self.members[partner.pk] = chosen

        agencies: list[Agency] = []
        for partner in partners:
            if partner.kind == PartnerKind.ORGANISATION:
                kinds = [AgencyKind.INTERNATIONAL]
            else:
                culture = CULTURE[partner.country.code]  # type: ignore[union-attr]
                second = (
                    AgencyKind.GENDARMERIE
                    if culture in {"fr", "wa", "es", "pt", "ar"} and rng.random() < 0.5
                    else rng.choice(
                        [
                            AgencyKind.BORDER,
                            AgencyKind.CUSTOMS,
                            AgencyKind.PRISON,
                            AgencyKind.MINISTRY,
                        ]
                    )
                )
                third = rng.choice([AgencyKind.BORDER, AgencyKind.PRISON, AgencyKind.CUSTOMS])
                kinds = [AgencyKind.POLICE]
                if rng.random() < 0.7:
                    kinds.append(second)
                if rng.random() < 0.25 and third not in kinds:
                    kinds.append(third)
            for kind in kinds:
                name = AGENCIES[kind][0]
                if kind == AgencyKind.INTERNATIONAL:
                    name = f"{partner.acronym} {name}"
                agencies.append(Agency(partner=partner, name=name, kind=kind))
        Agency.objects.bulk_create(agencies)
        self.agencies: dict[int, list[Agency]] = defaultdict(list)
        for agency in agencies:
            self.agencies[agency.partner.pk].append(agency)

        # A small dated hierarchy per agency: headquarters, directorates, operational units.
        heads, directorates, operational = [], [], []
        self.operational: dict[int, list[Unit]] = defaultdict(list)
        self.directorates: dict[int, list[Unit]] = defaultdict(list)
        for agency in agencies:
            _name, dirs, ops = AGENCIES[agency.kind]
            hq = Unit(agency=agency, name="General Headquarters")
            heads.append(hq)
            agency_dirs = [
                Unit(
                    agency=agency,
                    name=n,
                    parent=hq,
                    valid_from=self.day_between(dt.date(1995, 1, 1), dt.date(2020, 12, 31))
                    if rng.random() < 0.5
                    else None,
                )
                for n in rng.sample(dirs, k=min(len(dirs), rng.randint(2, 3)))
            ]
            directorates += agency_dirs
            self.directorates[agency.pk] = agency_dirs
            for n in rng.sample(ops, k=min(len(ops), rng.randint(2, 5))):
                parent = _weighted(rng, [(rng.choice(agency_dirs), 7), (hq, 2), (None, 1)])
                unit = Unit(
                    agency=agency,
                    name=n,
                    parent=parent,
                    valid_from=self.day_between(dt.date(2000, 1, 1), dt.date(2022, 12, 31))
                    if rng.random() < 0.5
                    else None,
                )
                operational.append(unit)
                self.operational[agency.pk].append(unit)
                if n in REORGANISED and rng.random() < 0.35:
                    unit.valid_to = REORGANISED_ON - dt.timedelta(days=1)
                    successor = Unit(
                        agency=agency, name=REORGANISED[n], parent=parent, valid_from=REORGANISED_ON
                    )
                    operational.append(successor)
                    self.operational[agency.pk].append(successor)
        Unit.objects.bulk_create(heads)
        Unit.objects.bulk_create(directorates)
        Unit.objects.bulk_create(operational)
        self.units = heads + directorates + operational
        self.ancestors: dict[int, list[Unit]] = {}
        for unit in self.units:
            chain, node = [], unit.parent
            while node is not None:
                chain.append(node)
                node = node.parent
            self.ancestors[unit.pk] = chain
        self.plan_unit_vetting(directorates, operational)

        # One liaison per partner (the Kenyan and Peruvian ones are personas).
        liaisons: list[User] = []
        persona_liaisons = {p.partner_code: p for p in DEMO_LOGINS if p.role == Role.LIAISON}
        joined = dt.datetime.combine(FORUM_DAY, dt.time(9), tzinfo=self.tz)
        for partner in partners:
            code = partner.country.code if partner.country else partner.acronym
            persona = persona_liaisons.get(code)
            if persona is not None:
                liaisons.append(
                    User(
                        username=persona.username,
                        password=self.hashes[persona.username],
                        role=Role.LIAISON,
                        partner=partner,
                        first_name=persona.first_name,
                        last_name=persona.last_name,
                        date_joined=joined,
                        organisation=AGENCIES[AgencyKind.POLICE][0],
                    )
                )
                continue
            culture = self.culture_for(partner)
            latin = self.name(culture, self.rng.random() < 0.35)[1]
            if NAME_TABLES[culture].pattern.startswith("F"):  # family name first
                family, _sep, given = latin.partition(" ")
            else:
                given, _sep, family = latin.partition(" ")
            liaisons.append(
                User(
                    username=f"liaison-{code.lower()}",
                    password=make_password(None),
                    role=Role.LIAISON,
                    partner=partner,
                    first_name=given,
                    last_name=family,
                    date_joined=joined,
                )
            )
        User.objects.bulk_create(liaisons)
        self.liaison = {u.partner.pk: u for u in liaisons if u.partner is not None}
        self.users.update({u.username: u for u in liaisons})

        items: list[Item] = [
            (
                self.secretariat,
                "partner.added",
                p,
                {"kind": p.kind, "country": p.country.code if p.country else None},
            )
            for p in partners
        ]
        items += [
            (self.secretariat, "agency.added", a, {"partner": a.partner.pk}) for a in agencies
        ]
        items += [
            (
                self.secretariat,
                "unit.added",
                u,
                {"agency": u.agency.pk, "parent": u.parent.pk if u.parent else None},
            )
            for u in self.units
        ]
        self.audit(items)
        self.stage(
            "partners and units",
            partners=len(partners),
            agencies=len(agencies),
            units=len(self.units),
            liaisons=len(liaisons),
        )

    def culture_for(self, partner: Partner, nationality: Country | None = None) -> str:
        country = nationality or partner.country
        if country is None:  # an organisation's staff member: any member's naming culture
            country = self.rng.choice(self.members[partner.pk])
        return CULTURE.get(country.code, "en")

    def plan_unit_vetting(self, directorates: list[Unit], operational: list[Unit]) -> None:
        """Decisions on every unit: cleared for a year and re-vetted before expiry, except a few
        barred, lapsed or waiting for information. Written later, with the officers'."""
        rng = self.rng
        candidates = [
            u
            for u in operational
            if u.name in BARRED_UNIT_NAMES
            and u.valid_to is None
            and u.agency.partner.country is not None
            and u.agency.partner.country.code not in {"KE", "PE"}
        ]
        chosen = rng.sample(candidates, k=min(BARRED_UNITS, len(candidates)))
        barred = set(chosen)
        published = set(chosen[:PUBLISHED_BARRED_UNITS])
        barred_directorate = rng.choice(
            [d for d in directorates if d.name == "Public Order Directorate"] or directorates
        )
        barred.add(barred_directorate)
        for unit in self.units:
            first_day = max(unit.valid_from or FORUM_DAY, FORUM_DAY) + dt.timedelta(days=10)
            if unit.valid_from == REORGANISED_ON:
                first_day = REORGANISED_ON - dt.timedelta(days=rng.randint(10, 40))
            decided = self.day_between(first_day, first_day + dt.timedelta(days=70))
            if unit in barred:
                self.decide_unit(unit, Outcome.NOT_CLEARED, decided, publishable=unit in published)
                continue
            roll = rng.random()
            lapses, asks = roll >= 0.99, 0.97 <= roll < 0.99
            revet = 0
            while True:
                outcome = Outcome.MORE_INFO if asks and revet == 1 else Outcome.CLEARED
                decision = self.decide_unit(unit, outcome, decided)
                if decision is None:
                    break
                if outcome == Outcome.MORE_INFO:  # the answer comes one to two months later
                    asks = False
                    decided = decided + dt.timedelta(days=rng.randint(30, 75))
                    continue
                if lapses:
                    break  # nobody re-vetted the unit: its clearance runs out
                decided = decision.valid_until - dt.timedelta(days=rng.randint(20, 60))
                if unit.valid_to is not None and decided > unit.valid_to:
                    break
                revet += 1

    def decide_unit(
        self, unit: Unit, outcome: str, day: dt.date, *, publishable: bool = False
    ) -> Decision | None:
        at = self.moment(day)
        if at >= self.cutoff:
            return None
        if outcome == Outcome.CLEARED:
            reason = (
                "No credible information of gross human-rights violations by the unit in "
                "the period checked."
            )
            evidence = ""
        elif outcome == Outcome.NOT_CLEARED:
            reason = (
                "Credible reports of gross human-rights violations by the unit, without "
                "effective remedial measures; the unit is barred from training." + FICTION
            )
            evidence = "Summary of the (fictional) reports and their sources, for analysts only."
        else:
            reason = (
                "The unit's restructuring is not documented; asked the partner for its "
                "current chain of command."
            )
            evidence = ""
        decision = Decision(
            unit=unit,
            outcome=outcome,
            reason=reason,
            sources=SOURCES,
            evidence=evidence,
            valid_from=day,
            valid_until=default_valid_until(day),
            is_publishable=publishable,
            decided_by=self.rng.choice(self.analysts),
            decided_at=at,
        )
        self.unit_decisions[unit.pk].append(decision)
        return decision

    def institutions_and_pledges(self) -> None:
        rng = self.rng
        host = self.countries[HOST_COUNTRY]
        institutions = [
            HostInstitution(name=name, country=host, city=city) for name, city in HOST_INSTITUTIONS
        ]
        HostInstitution.objects.bulk_create(institutions)
        self.institutions = institutions
        countries = [p for p in self.partner_list if p.country is not None]
        by_code = self.partner_by_code
        orgs = {p.acronym: p for p in self.partner_list if p.kind == PartnerKind.ORGANISATION}
        agreements: list[tuple[Agreement, list[Partner], list[HostInstitution]]] = [
            (
                Agreement(
                    title="Framework agreement on police training cooperation 2025–2029",
                    scope="Training opportunities at the host's academies, exchanges, "
                    "mobile-team missions and joint exercises, subject to human-rights "
                    "vetting of every participant and unit.",
                    signed_on=FORUM_DAY,
                    starts_on=PROGRAMME_START,
                    ends_on=dt.date(2029, 12, 31),
                ),
                countries,
                institutions,
            )
        ]
        for acronym, start in (
            ("INTERPOL", dt.date(2025, 2, 1)),
            ("AFRIPOL", dt.date(2025, 3, 1)),
            ("ASEANAPOL", dt.date(2025, 5, 15)),
        ):
            agreements.append(
                (
                    Agreement(
                        title=f"Memorandum of understanding with {acronym} on training",
                        scope="Places for the organisation's officers on courses and exchanges; "
                        "joint curricula on transnational crime.",
                        signed_on=start - dt.timedelta(days=20),
                        starts_on=start,
                        ends_on=dt.date(2028, 12, 31),
                    ),
                    [orgs[acronym]],
                    [],
                )
            )
        for code in ("KE", "PE", "ET", "TH", "EG", "BR", "VN", "SN"):
            institution = rng.choice(institutions)
            start = self.day_between(dt.date(2025, 1, 15), dt.date(2025, 10, 31))
            agreements.append(
                (
                    Agreement(
                        title=f"Academy cooperation: {institution.name} and the national police "
                        f"training institutions of {by_code[code].name}",
                        scope="Instructor exchanges, joint course development and places on the "
                        "academy's courses.",
                        signed_on=start - dt.timedelta(days=rng.randint(10, 40)),
                        starts_on=start,
                        ends_on=None if rng.random() < 0.5 else start + dt.timedelta(days=3 * 365),
                    ),
                    [by_code[code]],
                    [institution],
                )
            )
        Agreement.objects.bulk_create([a for a, _p, _i in agreements])
        Agreement.parties.through.objects.bulk_create(
            [
                Agreement.parties.through(agreement_id=a.pk, partner_id=p.pk)
                for a, parties, _i in agreements
                for p in parties
            ],
            batch_size=1000,
        )
        Agreement.institutions.through.objects.bulk_create(
            [
                Agreement.institutions.through(agreement_id=a.pk, hostinstitution_id=i.pk)
                for a, _p, insts in agreements
                for i in insts
            ]
        )

        world = Pledge(
            title="5,000 training opportunities 2025–2029",
            opportunities=5000,
            starts_on=PROGRAMME_START,
            ends_on=dt.date(2029, 12, 31),
            scope=Scope.WORLD,
            announced_on=FORUM_DAY,
            source="Announced by the host government at the international forum on "
            "law-enforcement cooperation (fictional demo source).",
        )
        world.save()
        africa = Pledge(
            title="1,000 for Africa",
            opportunities=1000,
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2026, 12, 31),
            scope=Scope.REGION,
            region_code="2",
            announced_on=FORUM_DAY,
            source="Reserved share of the five-year pledge for officers of African "
            "partners in 2026 (fictional demo source).",
            parent=world,
        )
        africa.save()

        items: list[Item] = [
            (self.secretariat, "host_institution.added", i, {"country": host.code})
            for i in institutions
        ]
        items += [
            (
                self.secretariat,
                "agreement.recorded",
                a,
                {"parties": [p.pk for p in parties], "starts_on": a.starts_on.isoformat()},
            )
            for a, parties, _i in agreements
        ]
        items += [
            (
                self.secretariat,
                "pledge.recorded",
                p,
                {
                    "opportunities": p.opportunities,
                    "scope": p.scope,
                    "region": p.region_code,
                    "country": None,
                },
            )
            for p in (world, africa)
        ]
        self.audit(items)
        self.stage(
            "academies and pledges",
            institutions=len(institutions),
            agreements=len(agreements),
            pledges=2,
        )

    def curriculum(self) -> None:
        rng = self.rng
        topics = {t.code: t for t in Topic.objects.all()}
        courses: list[Course] = []
        versions: list[CourseVersion] = []
        modules: list[tuple[Module, list[Topic]]] = []
        reviews: list[Review] = []
        items: list[Item] = []
        self.approved: dict[str, list[CourseVersion]] = defaultdict(list)
        self.course_topic: dict[str, str] = {}

        def at(day: dt.date) -> dt.datetime:
            return min(self.moment(day), self.cutoff - dt.timedelta(hours=1))

        def build_modules(
            version: CourseVersion, main: str, extra: tuple[str, ...], count: int
        ) -> list[tuple[Module, list[Topic]]]:
            pool = [(line, main) for line in MODULES[main]]
            rng.shuffle(pool)
            extra_pool = [(line, t) for t in extra for line in MODULES[t]]
            rng.shuffle(extra_pool)
            body = pool[: max(1, count - 3)] + extra_pool[:1]
            built: list[tuple[Module, list[Topic]]] = []
            title_main = topics[main].name.lower()
            opening = (
                f"Human-rights framework for {title_main} | Relate the course's tasks to the "
                f"standards that govern them ({PROVISIONS[main]}).",
                "human-rights",
            )
            closing = (
                "Practical exercise and assessment | Apply the course's skills in a supervised "
                "exercise and pass the final assessment.",
                main,
            )
            lines = [opening, *body[: count - 2], closing]
            for order, (line, topic) in enumerate(lines, start=1):
                title, _sep, outcome = line.partition(" | ")
                module = Module(
                    version=version,
                    order=order,
                    title=title,
                    hours=Decimal(rng.choice((2, 3, 4, 4, 6, 6, 8, 12))),
                    learning_outcomes=outcome,
                    methods="; ".join(rng.sample(METHODS, k=rng.randint(1, 3))),
                )
                built.append((module, list(dict.fromkeys([topics[topic], topics[main]]))))
            return built

        def review(version: CourseVersion, outcome: str, day: dt.date, main: str) -> None:
            reviewer = self.users["reviewer"] if rng.random() < 0.7 else rng.choice(self.reviewers)
            if outcome == ReviewOutcome.APPROVED:
                comments = (
                    f"Modules mapped against {PROVISIONS[main]} and UN-CCLEO-1979:A02. "
                    "Learning outcomes are observable and the methods include supervised "
                    "practice. Approved."
                )
            else:
                comments = (
                    f"The modules do not yet cover {PROVISIONS[main]}: add an exercise "
                    "on those standards with an observable outcome, and state how "
                    "participants are assessed. Please resubmit."
                )
            decided = at(day)
            reviews.append(
                Review(
                    version=version,
                    reviewer=reviewer,
                    outcome=outcome,
                    comments=comments,
                    decided_at=decided,
                )
            )
            if outcome == ReviewOutcome.APPROVED:
                version.status = VersionStatus.APPROVED
                version.approved_at, version.approved_by = decided, reviewer
            else:
                version.status = VersionStatus.DRAFT
            items.append((reviewer, f"course_version.{outcome}", version, {"review": None}))

        for code, title, main, extra in COURSES:
            self.course_topic[code] = main
            created = self.day_between(dt.date(2024, 1, 15), dt.date(2024, 3, 31))
            if code in V1_IN_REVIEW | V1_DRAFT:
                created = self.day_between(dt.date(2026, 6, 1), dt.date(2026, 9, 15))
            course = Course(
                code=code,
                title=title,
                created_at=at(created),
                summary=f"{title}: a course for officers and commanders of partner "
                f"agencies, reviewed against international human-rights "
                f"standards before it is taught.",
            )
            courses.append(course)
            languages = rng.choice(LANGUAGE_SETS)
            v1 = CourseVersion(
                course=course,
                number=1,
                status=VersionStatus.DRAFT,
                created_by=self.secretariat,
                created_at=at(created),
                languages=languages,
            )
            built = build_modules(v1, main, extra, rng.randint(3, 8))
            v1.summary = f"First version of {title.lower()}."
            v1.learning_outcomes = "\n".join(m.learning_outcomes for m, _t in built[1:4])
            versions.append(v1)
            modules += built
            history: list[tuple[CourseVersion, list[tuple[Module, list[Topic]]]]] = [(v1, built)]
            if code not in V1_DRAFT:
                submitted = created + dt.timedelta(days=rng.randint(20, 50))
                v1.status, v1.submitted_at = VersionStatus.IN_REVIEW, at(submitted)
                items.append(
                    (self.secretariat, "course_version.submitted", v1, {"modules": len(built)})
                )
                if code in V1_SENT_BACK_THEN_APPROVED:
                    submitted += dt.timedelta(days=rng.randint(7, 20))
                    review(v1, ReviewOutcome.CHANGES_REQUESTED, submitted, main)
                    submitted += dt.timedelta(days=rng.randint(10, 25))
                    v1.status, v1.submitted_at = VersionStatus.IN_REVIEW, at(submitted)
                    items.append(
                        (self.secretariat, "course_version.submitted", v1, {"modules": len(built)})
                    )
                if code not in V1_IN_REVIEW:
                    review(
                        v1,
                        ReviewOutcome.APPROVED,
                        submitted + dt.timedelta(days=rng.randint(7, 25)),
                        main,
                    )
            if code in V2_APPROVED | V2_IN_REVIEW | V2_SENT_BACK:
                if code in V2_APPROVED:
                    created2 = self.day_between(dt.date(2025, 3, 1), dt.date(2025, 4, 30))
                else:
                    created2 = self.day_between(dt.date(2026, 6, 1), dt.date(2026, 8, 31))
                v2 = CourseVersion(
                    course=course,
                    number=2,
                    status=VersionStatus.DRAFT,
                    created_by=self.secretariat,
                    created_at=at(created2),
                    languages=sorted(set(languages) | {"en"}),
                    summary=f"Second version of {title.lower()}, revised after "
                    f"the first year's evaluations.",
                    learning_outcomes=v1.learning_outcomes,
                )
                built2 = []
                for module, module_topics in built:
                    copy = Module(
                        version=v2,
                        order=module.order,
                        title=module.title,
                        hours=module.hours,
                        learning_outcomes=module.learning_outcomes,
                        methods=module.methods,
                    )
                    built2.append((copy, module_topics))
                added_line = rng.choice(MODULES["human-rights"])
                title2, _sep, outcome2 = added_line.partition(" | ")
                built2.append(
                    (
                        Module(
                            version=v2,
                            order=len(built2) + 1,
                            title=title2,
                            hours=Decimal(4),
                            learning_outcomes=outcome2,
                            methods="Case studies; Role play",
                        ),
                        list(dict.fromkeys([topics["human-rights"], topics[main]])),
                    )
                )
                versions.append(v2)
                modules += built2
                history.append((v2, built2))
                submitted2 = created2 + dt.timedelta(days=rng.randint(15, 35))
                v2.status, v2.submitted_at = VersionStatus.IN_REVIEW, at(submitted2)
                items.append(
                    (self.secretariat, "course_version.submitted", v2, {"modules": len(built2)})
                )
                if code in V2_APPROVED:
                    review(
                        v2,
                        ReviewOutcome.APPROVED,
                        submitted2 + dt.timedelta(days=rng.randint(7, 25)),
                        main,
                    )
                    v1.status, v1.retired_at = VersionStatus.RETIRED, v2.approved_at
                    items.append((self.secretariat, "course_version.retired", v1, None))
                elif code in V2_SENT_BACK:
                    review(
                        v2,
                        ReviewOutcome.CHANGES_REQUESTED,
                        submitted2 + dt.timedelta(days=rng.randint(7, 25)),
                        main,
                    )
            for version, _built in history:
                if version.approved_at is not None:
                    self.approved[code].append(version)
        with _story_dates():
            Course.objects.bulk_create(courses)
            CourseVersion.objects.bulk_create(versions)
            Module.objects.bulk_create([m for m, _t in modules], batch_size=500)
            Module.topics.through.objects.bulk_create(
                [
                    Module.topics.through(module_id=m.pk, topic_id=t.pk)
                    for m, module_topics in modules
                    for t in module_topics
                ],
                batch_size=1000,
            )
            Review.objects.bulk_create(reviews)
        review_of = {(r.version.pk, r.outcome): r.pk for r in reviews}
        items = [
            (
                by,
                verb,
                obj,
                {"review": review_of[(obj.pk, verb.split(".")[1])]}
                if data == {"review": None} and obj is not None
                else data,
            )
            for by, verb, obj, data in items
        ]
        created_items: list[Item] = [
            (self.secretariat, "course.created", c, {"code": c.code}) for c in courses
        ]
        created_items += [
            (
                self.secretariat,
                "course_version.created",
                v,
                {"number": v.number, "copied_from": None},
            )
            for v in versions
        ]
        created_items += [
            (
                self.secretariat,
                "module.added",
                m,
                {"version": m.version.pk, "hours": str(m.hours), "topics": [t.code for t in ts]},
            )
            for m, ts in modules
        ]
        self.audit(created_items + items)
        self.stage(
            "curriculum",
            courses=len(courses),
            versions=len(versions),
            modules=len(modules),
            reviews=len(reviews),
        )

    def schedulable(
        self, code: str, scheduled: dt.datetime, start: dt.date
    ) -> tuple[CourseVersion | None, dt.datetime]:
        """The course's version approved (and not retired) when the activity is scheduled; a
        version approved a little later moves the scheduling to the day after its approval."""
        for version in self.approved[code]:
            assert version.approved_at is not None
            when = max(scheduled, version.approved_at + dt.timedelta(days=1))
            if when.date() > start - dt.timedelta(days=OPEN_DAYS + 5) or when >= self.cutoff:
                continue
            if version.retired_at is None or version.retired_at > when:
                return version, when
        return None, scheduled

    def status_for(self, start: dt.date, end: dt.date) -> str:
        if end < self.today:
            return ActivityStatus.COMPLETED
        if start <= self.today:
            return ActivityStatus.RUNNING
        if start - dt.timedelta(days=OPEN_DAYS) <= self.today:
            return ActivityStatus.OPEN
        return ActivityStatus.PLANNED

    def activities(self) -> None:
        rng = self.rng
        count = max(6, round(BASE_ACTIVITIES * self.scale))
        span = (PROGRAMME_END - PROGRAMME_START).days - 25
        horizon = self.today + dt.timedelta(days=HORIZON_DAYS)
        beyond = max(0, (horizon - PROGRAMME_END).days)
        extra = round(count * beyond / span / 2)  # the forward schedule: half as dense
        plans = []
        for i in range(count + extra):
            offset = 5 + rng.randrange(span) if i < count else span + rng.randrange(beyond)
            start = PROGRAMME_START + dt.timedelta(days=offset)
            start += dt.timedelta(days=(7 - start.weekday()) % 7 if start.weekday() >= 5 else 0)
            mode = (
                list(MODES)[i]
                if i < len(MODES)
                else _weighted(  # every mode, any scale
                    rng, [(m, spec[0]) for m, spec in MODES.items()]
                )
            )
            plans.append((start, mode, rng.random()))
        plans.sort(key=lambda p: (p[0], p[1]))
        course_codes = [c[0] for c in COURSES]
        mission_partners = self.partner_cycle(countries_only=True)
        self.activity_list: list[Activity] = []
        staff_rows: list[tuple[Activity, User]] = []
        self.cancelled_on: dict[int, dt.date] = {}
        self.mission_partner: dict[int, Partner] = {}
        sequence = itertools.count(1)
        for start, mode, roll in plans:
            _share, prefix, (cap_lo, cap_hi), (len_lo, len_hi) = MODES[mode]
            end = start + dt.timedelta(days=rng.randint(len_lo, len_hi) - 1)
            scheduled_day = start - dt.timedelta(days=rng.randint(100, 160))
            scheduled = min(self.moment(scheduled_day), self.cutoff - dt.timedelta(hours=2))
            version = None
            if mode != Mode.EXCHANGE_PLACEMENT:
                for _attempt in range(200):
                    version, scheduled = self.schedulable(
                        rng.choice(course_codes), scheduled, start
                    )
                    if version is not None:
                        break
                else:
                    raise RuntimeError(f"No approved course version to schedule on {start}.")
            country = self.countries[HOST_COUNTRY]
            institution: HostInstitution | None = None
            location = ""
            if mode == Mode.ACADEMY_COURSE:
                institution = rng.choice(self.institutions)
                location = institution.city
                title = version.course.title  # type: ignore[union-attr]
            elif mode == Mode.ONLINE:
                institution = rng.choice(self.institutions)
                location = "Online (virtual classroom)"
                title = f"{version.course.title} (online)"  # type: ignore[union-attr]
            elif mode == Mode.CONSULTANT_MISSION:
                partner = next(mission_partners)
                country = partner.country  # type: ignore[assignment]
                location = "National police training centre"
                title = f"{version.course.title}: mobile team in {country.name}"  # type: ignore[union-attr]
            elif mode == Mode.JOINT_EXERCISE:
                institution = rng.choice(self.institutions)
                location = f"Training ground, {institution.city}"
                title = f"Joint exercise: {version.course.title}"  # type: ignore[union-attr]
            else:
                host, location = rng.choice(EXCHANGE_HOSTS)
                title = f"Exchange placement: {host}"
            status = self.status_for(start, end)
            cancel_day = start - dt.timedelta(days=rng.randint(OPEN_DAYS + 1, OPEN_DAYS + 20))
            if roll < 0.03 and cancel_day < self.today and scheduled.date() < cancel_day:
                status = ActivityStatus.CANCELLED
            languages = list(version.languages) if version else ["fr", "en"]
            activity = Activity(
                code=f"{prefix}-{start.year % 100:02d}-{next(sequence):04d}",
                title=title,
                mode=mode,
                course_version=version,
                starts_on=start,
                ends_on=end,
                location=location,
                country=country,
                host_institution=institution,
                capacity=rng.randint(cap_lo, cap_hi),
                languages=languages,
                status=status,
                created_at=scheduled,
                seat_floor=1
                if mode in {Mode.ACADEMY_COURSE, Mode.ONLINE, Mode.JOINT_EXERCISE}
                else 0,
                seat_cap=_weighted(rng, [(None, 4), (4, 3), (6, 2)])
                if mode in {Mode.ACADEMY_COURSE, Mode.ONLINE}
                else (2 if mode == Mode.EXCHANGE_PLACEMENT else None),
            )
            if mode == Mode.CONSULTANT_MISSION:
                self.mission_partner[id(activity)] = partner
            if status == ActivityStatus.CANCELLED:
                self.cancelled_on[id(activity)] = cancel_day
            self.activity_list.append(activity)
        self.assign_staff(staff_rows)
        with _story_dates():
            Activity.objects.bulk_create(self.activity_list, batch_size=500)
        Activity.staff.through.objects.bulk_create(
            [Activity.staff.through(activity_id=a.pk, user_id=u.pk) for a, u in staff_rows],
            batch_size=1000,
        )
        self.mission_partner = {
            a.pk: self.mission_partner[id(a)]
            for a in self.activity_list
            if id(a) in self.mission_partner
        }
        self.cancelled_on = {
            a.pk: self.cancelled_on[id(a)] for a in self.activity_list if id(a) in self.cancelled_on
        }

        items: list[Item] = []
        for a in self.activity_list:
            items.append(
                (
                    self.secretariat,
                    "activity.scheduled",
                    a,
                    {
                        "mode": a.mode,
                        "course_version": a.course_version.pk if a.course_version else None,
                        "starts_on": a.starts_on.isoformat(),
                        "capacity": a.capacity,
                    },
                )
            )
            if a.status == ActivityStatus.CANCELLED:
                steps = [ActivityStatus.PLANNED, ActivityStatus.CANCELLED]
            else:
                flow = [
                    ActivityStatus.PLANNED,
                    ActivityStatus.OPEN,
                    ActivityStatus.RUNNING,
                    ActivityStatus.COMPLETED,
                ]
                steps = flow[: flow.index(ActivityStatus(a.status)) + 1]
            for old, new in itertools.pairwise(steps):
                items.append(
                    (self.secretariat, "activity.status_changed", a, {"from": old, "to": new})
                )
        self.audit(items)
        by_status: dict[str, int] = defaultdict(int)
        for a in self.activity_list:
            by_status[a.status] += 1
        self.stage(
            "activities",
            activities=len(self.activity_list),
            **{str(k): v for k, v in sorted(by_status.items())},
        )

    def assign_staff(self, staff_rows: list[tuple[Activity, User]]) -> None:
        """Directors and staff. The director persona leads the running academy activities, the
        ones that just ended (completions still to mark) and some earlier ones; the consultant
        persona leads some missions abroad."""
        rng = self.rng
        director, consultant = self.users["director"], self.users["consultant"]
        other_instructors = [u for u in self.instructors if u != director]
        other_consultants = [u for u in self.consultants if u != consultant]
        recent_end = self.today - dt.timedelta(days=UNMARKED_DAYS)
        self.awaiting_marks = {
            id(a)
            for a in self.activity_list
            if a.status == ActivityStatus.COMPLETED and a.ends_on >= recent_end
        }
        taught = [
            a
            for a in self.activity_list
            if a.mode in {Mode.ACADEMY_COURSE, Mode.ONLINE, Mode.JOINT_EXERCISE}
            and a.status in {ActivityStatus.RUNNING, ActivityStatus.COMPLETED}
        ]
        target = None  # so that the director persona always has completions to mark
        if taught and not any(
            a.status == ActivityStatus.RUNNING or id(a) in self.awaiting_marks for a in taught
        ):
            target = max(taught, key=lambda a: (a.ends_on, a.code))
            self.awaiting_marks.add(id(target))
        for a in self.activity_list:
            if a.mode == Mode.EXCHANGE_PLACEMENT:
                continue
            if a.mode == Mode.CONSULTANT_MISSION:
                lead = (
                    consultant
                    if (a.status == ActivityStatus.RUNNING or rng.random() < 0.35)
                    else rng.choice(other_consultants)
                )
                team = [
                    lead,
                    *rng.sample([c for c in self.consultants if c != lead], k=rng.randint(0, 1)),
                ]
            else:
                mine = (
                    a is target
                    or a.status == ActivityStatus.RUNNING
                    or (
                        a.status == ActivityStatus.COMPLETED
                        and (id(a) in self.awaiting_marks or rng.random() < 0.1)
                    )
                )
                lead = director if mine else rng.choice(other_instructors)
                team = [
                    lead,
                    *rng.sample([i for i in self.instructors if i != lead], k=rng.randint(0, 2)),
                ]
            a.director = lead
            staff_rows += [(a, u) for u in team]

    def partner_cycle(self, *, countries_only: bool = False) -> Iterator[Partner]:
        """Partners in turn: the showcase ones first, then shuffled rounds in which African
        partners come twice (the programme's emphasis)."""
        pool = [p for p in self.partner_list if p.country is not None or not countries_only]
        showcase = [self.partner_by_code[c] for c in SHOWCASE]
        yield from showcase
        while True:
            round_ = [
                p
                for p in pool
                for _n in range(2 if p.country is not None and p.country.region_code == "2" else 1)
            ]
            self.rng.shuffle(round_)
            yield from round_

    def seats(self) -> None:
        rng = self.rng
        cycle = self.partner_cycle()
        requests: list[SeatRequest] = []
        allocations: list[SeatAllocation] = []
        items: list[Item] = []
        alloc_items: list[Item] = []
        self.seat_plan: dict[int, list[_Seat]] = {}
        for a in self.activity_list:
            if a.status == ActivityStatus.PLANNED and rng.random() < 0.6:
                continue
            requested_by = self.cancelled_on.get(
                a.pk, a.starts_on - dt.timedelta(days=OPEN_DAYS + 1)
            ) - dt.timedelta(days=1)
            first_day = a.created_at.date() + dt.timedelta(days=3)
            if a.mode == Mode.CONSULTANT_MISSION:
                asks = [(self.mission_partner[a.pk], a.capacity)]
            else:
                if a.mode == Mode.EXCHANGE_PLACEMENT:
                    k, most = rng.randint(1, 3), 2
                else:
                    k = rng.randint(max(3, a.capacity // 4), max(4, a.capacity // 3))
                    most = 6 if a.mode == Mode.ONLINE else 5
                chosen: list[Partner] = []
                for _turn in range(20 * k):
                    if len(chosen) == k:
                        break
                    partner = next(cycle)
                    if (
                        partner not in chosen
                        and partner.joined_on is not None
                        and partner.joined_on <= first_day
                    ):
                        chosen.append(partner)
                asks = [(p, rng.randint(1 if most == 2 else 2, most)) for p in chosen]
            made = []
            for partner, wanted in asks:
                day = self.day_between(first_day, requested_by)
                at = self.moment(day)
                if at >= self.cutoff:
                    continue
                request = SeatRequest(activity=a, partner=partner, seats=wanted, requested_at=at)
                made.append(request)
                items.append(
                    (
                        self.liaison[partner.pk],
                        "seats.requested",
                        request,
                        {"activity": a.pk, "seats": wanted},
                    )
                )
            requests += made
            if not made or a.status in {ActivityStatus.PLANNED, ActivityStatus.CANCELLED}:
                continue
            # Keyed by name: the published rule breaks ties by the partner's name.
            by_key = {r.partner.name: r for r in made}
            result = apportion(
                a.capacity,
                {k: r.seats for k, r in by_key.items()},
                floor=a.seat_floor,
                cap=a.seat_cap,
            )
            shares = [
                SeatAllocation(
                    activity=a,
                    partner=by_key[s.key].partner,
                    requested=s.requested,
                    seats=s.seats,
                    explanation=s.as_dict(),
                )
                for s in result.shares
            ]
            allocations += shares
            self.seat_plan[a.pk] = [_Seat(s) for s in sorted(shares, key=lambda s: s.partner.name)]
            alloc_items.append(
                (
                    self.secretariat,
                    "seats.allocated",
                    a,
                    {
                        "capacity": a.capacity,
                        "floor": a.seat_floor,
                        "cap": a.seat_cap,
                        "seats": {by_key[s.key].partner.name: s.seats for s in result.shares},
                        "unused": result.unused,
                    },
                )
            )
        with _story_dates():
            SeatRequest.objects.bulk_create(requests, batch_size=1000)
        SeatAllocation.objects.bulk_create(allocations, batch_size=1000)
        self.audit(items + alloc_items)
        self.stage(
            "seat requests and allocations",
            seat_requests=len(requests),
            seat_allocations=len(allocations),
        )

    # -- officers, nominations, vetting and enrolment (simulated in memory, then written) ------

    def new_officer(self, partner: Partner, day: dt.date, at: dt.datetime) -> _Officer:
        rng = self.rng
        nationality = partner.country or rng.choice(self.members[partner.pk])
        culture = CULTURE.get(nationality.code, "en")
        gender = _weighted(rng, [(Gender.MALE, 72), (Gender.FEMALE, 27), (Gender.OTHER, 1)])
        female = gender == Gender.FEMALE or (gender == Gender.OTHER and rng.random() < 0.5)
        while True:
            full, latin = self.name(culture, female)
            age_days = int(rng.triangular(23, 58, 36) * 365.25)
            birth = PROGRAMME_START - dt.timedelta(days=age_days)
            key = name_key(full)
            if (key, birth) not in self.seen_people:
                self.seen_people.add((key, birth))
                break
        agencies = self.agencies[partner.pk]
        agency = agencies[0] if rng.random() < 0.7 else rng.choice(agencies)
        units = [(u, 6) for u in self.operational[agency.pk]]
        units += [(u, 2) for u in self.directorates[agency.pk]]
        units = [
            (u, w)
            for u, w in units
            if (u.valid_from is None or u.valid_from <= day)
            and (u.valid_to is None or u.valid_to >= day)
        ]
        unit = _weighted(rng, units)
        rank = _weighted(rng, RANKS[agency.kind])
        officer = Officer(
            full_name=full,
            name_latin=latin,
            name_key=key,
            birth_date=birth,
            gender=gender,
            nationality=nationality,
            rank=rank,
            partner=partner,
            agency=agency,
            unit=unit,
            created_at=at,
        )
        return _Officer(officer)

    def vet_officer(self, record: _Officer, nominated: dt.datetime, start: dt.date) -> None:
        """The analysts' decisions on a newly nominated officer (only those taken by today)."""
        rng = self.rng
        delay = rng.randint(2, 14) if rng.random() < 0.95 else rng.randint(20, 40)
        decided = nominated + dt.timedelta(days=delay, minutes=rng.randrange(600))
        roll = rng.random()
        if roll < 0.88:
            self.decide_officer(record, Outcome.CLEARED, decided)
        elif roll < 0.93:
            self.decide_officer(record, Outcome.MORE_INFO, decided)
            if rng.random() < 0.7:
                self.decide_officer(
                    record, Outcome.CLEARED, decided + dt.timedelta(days=rng.randint(10, 30))
                )
        elif roll < 0.95:
            self.decide_officer(record, Outcome.NOT_CLEARED, decided)
        elif roll < 0.975:  # vetted for an earlier programme; that clearance has expired
            old = dt.datetime.combine(start, dt.time(10), tzinfo=self.tz) - dt.timedelta(
                days=rng.randint(400, 700)
            )
            self.decide_officer(record, Outcome.CLEARED, old)
        # else: vetting not started yet

    def decide_officer(self, record: _Officer, outcome: str, at: dt.datetime) -> None:
        if at >= self.cutoff:
            return
        reason, evidence = {
            Outcome.CLEARED: (
                "Identity confirmed; no match on the watchlists and no adverse "
                "information in the sources checked.",
                "",
            ),
            Outcome.NOT_CLEARED: (
                "Credible information links the officer to a serious "
                "human-rights violation; see the restricted evidence." + FICTION,
                "Summary of a (fictional) report naming the officer, with its source reference.",
            ),
            Outcome.MORE_INFO: (
                "The partner's service record does not cover 2019–2021; asked "
                "the liaison for the missing postings.",
                "",
            ),
        }[Outcome(outcome)]
        day = at.date()
        record.decisions.append(
            Decision(
                officer=record.officer,
                outcome=outcome,
                reason=reason,
                sources=SOURCES,
                evidence=evidence,
                valid_from=day,
                valid_until=default_valid_until(day),
                decided_by=self.rng.choice(self.analysts),
                decided_at=at,
            )
        )

    def gate(self, record: _Officer, day: dt.date, moment: dt.datetime) -> GateReport:
        """enrol_nominee's gate (tutela.vetting.gate.check_gate), as of `moment`."""
        officer = record.officer
        report = GateReport(day=day)
        report.officer_decision = _as_of(record.decisions, moment)
        report.unit_decision = _as_of(self.unit_decisions[officer.unit.pk], moment)
        for subject, decision in (
            (_("officer"), report.officer_decision),
            (_("officer's unit"), report.unit_decision),
        ):
            problem = _describe(subject, decision, day)
            if problem:
                report.missing.append(problem)
        for ancestor in self.ancestors[officer.unit.pk]:
            decision = _as_of(self.unit_decisions[ancestor.pk], moment)
            if decision is not None and decision.outcome == Outcome.NOT_CLEARED:
                report.missing.append(
                    _("The parent unit %(unit)s was not cleared.") % {"unit": ancestor.name}
                )
        return report

    def reusable(
        self, pool: list[_Officer], activity: Activity, at: dt.datetime, taken: set[int]
    ) -> _Officer | None:
        """An officer of the partner already cleared for a period covering this activity."""
        for record in self.rng.sample(pool, k=min(4, len(pool))):
            unit = record.officer.unit
            latest = _as_of(record.decisions, at)
            if id(record) in taken or record.busy_until >= activity.starts_on or latest is None:
                continue
            if (
                latest.clears_on(activity.starts_on)
                and latest is record.decisions[-1]
                and (unit.valid_to is None or unit.valid_to >= activity.starts_on)
            ):
                return record
        return None

    def nominations(self) -> None:
        rng = self.rng
        self.records: list[_Officer] = []
        self.noms: list[tuple[Nomination, _Officer]] = []
        self.enrolments: list[tuple[Enrolment, GateReport]] = []
        self.closures: list[Item] = []
        self.completions: list[Item] = []
        pools: dict[int, list[_Officer]] = defaultdict(list)
        overrides = 0
        started_statuses = {ActivityStatus.RUNNING, ActivityStatus.COMPLETED}
        for a in self.activity_list:
            plan = self.seat_plan.get(a.pk)
            if not plan or a.status not in {ActivityStatus.OPEN, *started_statuses}:
                continue
            start_at = dt.datetime.combine(a.starts_on, dt.time(0), tzinfo=self.tz)
            open_day = a.starts_on - dt.timedelta(days=OPEN_DAYS)
            last_day = min(a.starts_on - dt.timedelta(days=10), self.today - dt.timedelta(days=1))
            elapsed = 1.0
            if a.status == ActivityStatus.OPEN:
                window = max(1, (a.starts_on - dt.timedelta(days=10) - open_day).days)
                elapsed = max(0.0, min(1.0, (self.today - open_day).days / window))
            entries: list[tuple[Nomination, _Officer, _Seat]] = []
            taken: set[int] = set()
            for seat in plan:
                partner = seat.allocation.partner
                wanted = seat.allocation.seats + _weighted(rng, [(-1, 1), (0, 7), (1, 2), (2, 0.5)])
                wanted = round(max(0, wanted) * elapsed)
                for _n in range(wanted):
                    # Most liaisons nominate early in the window.
                    days = max(0, (last_day - open_day).days)
                    at = self.moment(
                        open_day + dt.timedelta(days=round(rng.triangular(0, days, days * 0.15)))
                    )
                    record = (
                        self.reusable(pools[partner.pk], a, at, taken)
                        if rng.random() < 0.15 and pools[partner.pk]
                        else None
                    )
                    if record is None:
                        record = self.new_officer(partner, a.starts_on, at)
                        self.vet_officer(record, at, a.starts_on)
                        self.records.append(record)
                        pools[partner.pk].append(record)
                    taken.add(id(record))
                    record.busy_until = max(record.busy_until, a.ends_on)
                    officer = record.officer
                    justification = rng.choice(JUSTIFICATIONS).format(
                        unit=officer.unit.name, agency=officer.agency.name
                    )
                    nomination = Nomination(
                        activity=a,
                        officer=officer,
                        partner=partner,
                        nominated_by=self.liaison[partner.pk],
                        justification=justification,
                        created_at=at,
                    )
                    entries.append((nomination, record, seat))

            # Enrol in the order the gate opens for each nominee, while seats last.
            def ready(entry: tuple[Nomination, _Officer, _Seat]) -> dt.datetime:
                nomination, record, _seat = entry
                decided = [
                    d.decided_at for d in record.decisions if d.decided_at >= nomination.created_at
                ]
                return max([nomination.created_at, *decided])

            entries.sort(key=ready)
            enrolled_total = 0
            for nomination, record, seat in entries:
                self.noms.append((nomination, record))
                partner = nomination.partner
                try_at = ready((nomination, record, seat)) + dt.timedelta(
                    days=rng.randint(1, 4), minutes=rng.randrange(480)
                )
                in_time = try_at < start_at and try_at < self.cutoff
                report = self.gate(record, a.starts_on, try_at)
                has_seat = seat.enrolled < seat.allocation.seats and enrolled_total < a.capacity
                override = ""
                if (
                    in_time
                    and has_seat
                    and not report.is_open
                    and overrides < OVERRIDES
                    and a.status == ActivityStatus.COMPLETED
                    and rng.random() < min(1.0, 0.1 / self.scale)
                    and self.officer_only_problem(record, report)
                ):
                    assert report.officer_decision is not None
                    reasons = OVERRIDE_REASONS[report.officer_decision.outcome]
                    override = reasons[overrides % len(reasons)]
                    overrides += 1
                if not (in_time and has_seat and (report.is_open or override)):
                    if a.status in started_statuses:
                        closing = self.gate(record, a.starts_on, start_at)
                        if not has_seat and closing.is_open:
                            reason = "Not enrolled: no seat was left in the partner's allocation."
                        elif closing.is_open:
                            reason = (
                                "Not enrolled: vetting was completed too late for the start date."
                            )
                        else:
                            reason = "Not enrolled before the start date: " + " ".join(
                                closing.missing
                            )
                        self.close(nomination, NominationStatus.WITHDRAWN, reason, self.secretariat)
                    continue
                seat.enrolled += 1
                enrolled_total += 1
                by = self.head if override else self.secretariat
                enrolment = Enrolment(
                    nomination=nomination,
                    enrolled_by=by,
                    is_override=bool(override),
                    override_reason=override,
                    enrolled_at=try_at,
                )
                self.enrolments.append((enrolment, report))
                nomination.status = NominationStatus.ENROLLED
                self.follow_up(nomination, try_at, start_at)
        self.stage("nominations simulated", officers=len(self.records), nominations=len(self.noms))

    def officer_only_problem(self, record: _Officer, report: GateReport) -> bool:
        """The gate is closed only by the officer's own pending or expired clearance."""
        decision = report.officer_decision
        return (
            decision is not None
            and decision.outcome != Outcome.NOT_CLEARED
            and len(report.missing) == 1
            and report.unit_decision is not None
            and report.unit_decision.clears_on(report.day)
        )

    def close(self, nomination: Nomination, status: str, reason: str, by: User) -> None:
        nomination.status = status
        nomination.closed_reason = reason
        self.closures.append((by, f"nomination.{status}", nomination, {"reason": reason}))

    def follow_up(
        self, nomination: Nomination, enrolled_at: dt.datetime, start_at: dt.datetime
    ) -> None:
        """What happened to an enrolled officer: withdrawn before the start, no-show, or
        completion marked by the activity's director."""
        rng = self.rng
        a = nomination.activity
        roll = rng.random()
        withdraw_at = enrolled_at + dt.timedelta(days=rng.randint(2, 10))
        if roll < 0.02 and withdraw_at < start_at and withdraw_at < self.cutoff:
            self.close(
                nomination,
                NominationStatus.WITHDRAWN,
                rng.choice(WITHDRAWAL_REASONS),
                self.liaison[nomination.partner.pk],
            )
            return
        if a.status not in {ActivityStatus.RUNNING, ActivityStatus.COMPLETED}:
            return
        if roll < 0.05:
            self.close(
                nomination, NominationStatus.NO_SHOW, rng.choice(NO_SHOW_REASONS), self.secretariat
            )
            return
        if a.status == ActivityStatus.COMPLETED and id(a) not in self.awaiting_marks:
            by = a.director or self.secretariat
            nomination.status = NominationStatus.COMPLETED
            nomination.completed_at = min(
                self.moment(
                    a.ends_on + dt.timedelta(days=rng.randint(0, 3)), start_hour=15, end_hour=19
                ),
                self.cutoff - dt.timedelta(hours=1),
            )
            nomination.completed_by = by
            self.completions.append((by, "nomination.completed", nomination, {"activity": a.pk}))

    def write_nominations(self) -> None:
        officers = [r.officer for r in self.records]
        with _story_dates():
            Officer.objects.bulk_create(officers, batch_size=500)
        self.audit(
            [
                (
                    self.liaison[o.partner.pk],
                    "officer.registered",
                    o,
                    {"partner": o.partner.pk, "unit": o.unit.pk},
                )
                for o in officers
            ]
        )
        self.stage("officers", officers=len(officers))

        nominations = [n for n, _r in self.noms]
        with _story_dates():
            Nomination.objects.bulk_create(nominations, batch_size=500)
        self.audit(
            [
                (
                    n.nominated_by,
                    "nomination.created",
                    n,
                    {"activity": n.activity.pk, "officer": n.officer.pk, "partner": n.partner.pk},
                )
                for n in nominations
            ]
        )
        self.stage("nominations", nominations=len(nominations))

        decisions = [d for ds in self.unit_decisions.values() for d in ds]
        decisions += [d for r in self.records for d in r.decisions]
        decisions.sort(key=lambda d: d.decided_at)
        Decision.objects.bulk_create(decisions, batch_size=500)
        self.audit(
            [
                (
                    d.decided_by,
                    "vetting.decided",
                    d,
                    {
                        "subject": d.subject_kind,
                        "subject_id": (d.officer or d.unit).pk,  # type: ignore[union-attr]
                        "outcome": d.outcome,
                        "valid_from": d.valid_from.isoformat(),
                        "valid_until": d.valid_until.isoformat(),
                        "publishable": d.is_publishable,
                    },
                )
                for d in decisions
            ]
        )
        outcomes: dict[str, int] = defaultdict(int)
        for d in decisions:
            outcomes[d.outcome] += 1
        self.stage(
            "vetting decisions",
            decisions=len(decisions),
            **{str(k): v for k, v in sorted(outcomes.items())},
        )

        numbers: dict[int, int] = defaultdict(int)
        enrolments = sorted(self.enrolments, key=lambda e: (e[0].enrolled_at, e[0].nomination.pk))
        for enrolment, report in enrolments:
            year = enrolment.nomination.activity.starts_on.year
            numbers[year] += 1
            enrolment.invitation_number = f"INV-{year}-{numbers[year]:06d}"
            enrolment.gate_report = report.as_dict()
        with _story_dates():
            Enrolment.objects.bulk_create([e for e, _r in enrolments], batch_size=500)
        self.audit(
            [
                (
                    e.enrolled_by,
                    "enrolment.override" if e.is_override else "enrolment.created",
                    e,
                    {
                        "nomination": e.nomination.pk,
                        "gate": e.gate_report,
                        "reason": e.override_reason,
                    },
                )
                for e, _r in enrolments
            ]
        )
        overrides = sum(1 for e, _r in enrolments if e.is_override)
        self.stage("enrolments", enrolments=len(enrolments), overrides=overrides)

        self.audit(self.completions + self.closures)
        completed_2025 = sum(
            1
            for _b, _v, n, _d in self.completions
            if isinstance(n, Nomination) and n.activity.starts_on.year == 2025
        )
        self.stage(
            "completions and closures",
            completions=len(self.completions),
            completions_2025=completed_2025,
            closed=len(self.closures),
        )


# --- Entry points -----------------------------------------------------------------------------


def programme_exists() -> bool:
    """A database holds a programme once any partner is recorded."""
    return Partner.objects.exists()


def load_demo(
    *, scale: float = 1.0, today: dt.date | None = None, log: Callable[[str], None] = print
) -> dict[str, int]:
    """Load the demo programme into an empty database; returns counts per kind of row.

    `scale` multiplies the activities and, with them, the nominations (1 → about 300 and
    6,000). Partners, units and the curriculum stay the same at every scale."""
    if scale <= 0:
        raise ValueError("The scale must be positive.")
    builder = _Builder(scale=scale, today=today or timezone.localdate(), log=log)
    with transaction.atomic():
        counts = builder.run()
        log("Screening against the demo watchlists…")
        counts["alerts"] = load_screening_demo(
            analyst=User.objects.get(username="analyst"),
            secretariat=User.objects.get(username="secretariat"),
            log=log,
        )
        counts["events"] = Event.objects.count()
        return counts


@transaction.atomic
def reset_programme_data() -> None:
    """Erase the programme: every partner, course, activity, officer, decision, the audit log,
    and all accounts except superusers. Reference data (countries, topics) stays. For demo and
    development databases only."""
    Event.objects.all().delete()
    RescreenRun.objects.all().delete()
    Decision.alerts.through.objects.all().delete()
    Alert.objects.all().delete()
    ListedEntry.objects.all().delete()
    ListVersion.objects.all().delete()
    Watchlist.objects.all().delete()
    reset_review_demo_data()
    Enrolment.objects.all().delete()
    Nomination.objects.all().delete()
    Decision.objects.all().delete()
    Officer.objects.all().delete()
    SeatAllocation.objects.all().delete()
    SeatRequest.objects.all().delete()
    Activity.objects.all().delete()
    Review.objects.all().delete()
    Module.objects.all().delete()
    CourseVersion.objects.all().delete()
    Course.objects.all().delete()
    Pledge.objects.update(parent=None)
    Pledge.objects.all().delete()
    AgreementDocument.objects.all().delete()
    Agreement.objects.all().delete()
    HostInstitution.objects.all().delete()
    Unit.objects.update(parent=None)
    Unit.objects.all().delete()
    Agency.objects.all().delete()
    User.objects.filter(is_superuser=True).update(partner=None)
    User.objects.filter(is_superuser=False).delete()
    Partner.objects.all().delete()
    Session.objects.all().delete()
